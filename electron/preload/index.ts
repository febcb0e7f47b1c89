// The preload of the main window (sandboxed, bundled to CommonJS). It only maps the contract's
// two verbs onto IPC; no Node or Electron object reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { IpcResult, WebcareApi } from '../../shared/ipc/contract.ts';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  encodeIpcErrorMessage,
} from '../main/ipc/electron-channels.ts';

/** `window.webcare`: see shared/ipc/contract.ts for the channels. */
export const webcareApi = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const result = (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, args[0])) as IpcResult<unknown>;
    if (result.ok) return result.value;
    throw new Error(encodeIpcErrorMessage(result.error.code, result.error.message));
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
} as WebcareApi;

contextBridge.exposeInMainWorld('webcare', webcareApi);

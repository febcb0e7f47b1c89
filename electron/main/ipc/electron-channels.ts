/**
 * The two raw Electron IPC channels under the contract: every call goes through one invoke
 * channel (mirroring POST /api/invoke) so unknown channels get a typed `unknown-channel`
 * result, and every event through one event channel (mirroring the /api/events socket).
 */
export const IPC_INVOKE_CHANNEL = 'webcare:invoke';
export const IPC_EVENT_CHANNEL = 'webcare:event';

/**
 * contextBridge keeps only an Error's message, so the preload encodes the error code in it and
 * renderer/platform/bridge.ts decodes it back into an IpcCallError.
 */
export function encodeIpcErrorMessage(code: string, message: string): string {
  return `[webcare:${code}] ${message}`;
}

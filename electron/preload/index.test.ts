import { describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const ipcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

await import('./index.ts');
const api = exposed.get('webcare') as {
  invoke(channel: string, arg?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};

describe('preload', () => {
  it('exposes only window.webcare with invoke and on', () => {
    expect([...exposed.keys()]).toEqual(['webcare']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('maps invoke onto the one IPC invoke channel and unwraps ok results', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { shown: true } });
    await expect(api.invoke('notify:show', { title: 'a', body: 'b' })).resolves.toEqual({ shown: true });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('webcare:invoke', 'notify:show', {
      title: 'a',
      body: 'b',
    });
  });

  it('rejects with the error code encoded in the message (contextBridge keeps only messages)', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid-argument', message: 'bad theme' },
    });
    await expect(api.invoke('settings:update', { theme: 'x' })).rejects.toThrow(
      '[webcare:invalid-argument] bad theme',
    );
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const listener = vi.fn();
    const off = api.on('settings:changed', listener);
    const [channel, wrapped] = ipcRenderer.on.mock.calls[0] as [string, (...args: unknown[]) => void];
    expect(channel).toBe('webcare:event');
    wrapped({}, 'app:run-command', { commandId: 'view.open' });
    wrapped({}, 'settings:changed', { theme: 'dark' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ theme: 'dark' });
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('webcare:event', wrapped);
  });
});

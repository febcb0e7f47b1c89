import { describe, expect, it } from 'vitest';
import { closeAction, drainForQuit, trayMenuTemplate } from './lifecycle.ts';

describe('window lifecycle', () => {
  it('hides to the tray only while accounts work and the setting allows it; quitting always closes', () => {
    expect(closeAction({ quitting: false, closeToTray: undefined, activeAccounts: 1 })).toBe('hide-to-tray');
    expect(closeAction({ quitting: false, closeToTray: true, activeAccounts: 2 })).toBe('hide-to-tray');
    expect(closeAction({ quitting: false, closeToTray: true, activeAccounts: 0 })).toBe('close');
    expect(closeAction({ quitting: false, closeToTray: false, activeAccounts: 3 })).toBe('close');
    expect(closeAction({ quitting: true, closeToTray: true, activeAccounts: 3 })).toBe('close');
  });

  it('Quit waits for the drain, but not forever, and not for a failing one', async () => {
    let finished = false;
    expect(
      await drainForQuit(async () => {
        await new Promise((r) => setTimeout(r, 20));
        finished = true;
      }, 1_000),
    ).toBe(true);
    expect(finished).toBe(true);
    expect(await drainForQuit(() => new Promise(() => undefined), 30)).toBe(false);
    expect(await drainForQuit(() => Promise.reject(new Error('socket')), 1_000)).toBe(true);
  });

  it('the tray menu opens and quits, in nl and en', () => {
    const calls: string[] = [];
    const actions = { open: () => calls.push('open'), quit: () => calls.push('quit') };
    const nl = trayMenuTemplate('nl', actions);
    expect(nl.map((i) => i.label).filter(Boolean)).toEqual(['Webcare openen', 'Webcare afsluiten']);
    expect(trayMenuTemplate('en', actions)[2]!.label).toBe('Quit Webcare');
    for (const item of nl) (item.click as (() => void) | undefined)?.();
    expect(calls).toEqual(['open', 'quit']);
  });
});

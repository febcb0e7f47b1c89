import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../../shared/i18n/resources.ts';
import { menuText } from '../menu/menu-template.ts';

/**
 * Window and quit lifecycle as plain decisions (no Electron at runtime, so they are unit-tested;
 * electron-app.ts wires them). Closing the window while accounts are connected hides it to the
 * tray, so sync and delivery go on (the renderer is the single writer: it must keep running,
 * hence `backgroundThrottling: false` on the window). Quit drains first: main stops starting
 * sends (the renderer gets `paused` and releases its claims), lets a send that is under way
 * finish and be journalled, then closes the connections, within a time limit.
 */
export type CloseAction = 'hide-to-tray' | 'close';

export function closeAction(s: {
  /** Quit was asked for (menu, tray, OS): the window really closes. */
  quitting: boolean;
  /** The setting; absent means on. */
  closeToTray: boolean | undefined;
  /** Accounts that sync and send (not paused). */
  activeAccounts: number;
}): CloseAction {
  if (s.quitting) return 'close';
  if (s.closeToTray === false) return 'close';
  return s.activeAccounts > 0 ? 'hide-to-tray' : 'close';
}

/** How long Quit waits for a send under way before it quits anyway (the journal covers the rest). */
export const QUIT_DRAIN_MS = 5_000;

/** Runs the drain, but never for longer than `limitMs`; resolves whether it finished in time. */
export async function drainForQuit(drain: () => Promise<void>, limitMs = QUIT_DRAIN_MS): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), limitMs);
  });
  try {
    return await Promise.race([
      drain().then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The tray icon's menu. */
export function trayMenuTemplate(
  language: Language,
  actions: { open(): void; quit(): void },
): MenuItemConstructorOptions[] {
  return [
    { id: 'tray.open', label: menuText(language, 'tray.open'), click: () => actions.open() },
    { type: 'separator' },
    { id: 'tray.quit', label: menuText(language, 'tray.quit'), click: () => actions.quit() },
  ];
}

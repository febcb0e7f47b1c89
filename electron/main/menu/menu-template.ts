import type { MenuItemConstructorOptions } from 'electron';
import { resources } from '../../../shared/i18n/resources.ts';
import type { Language } from '../../../shared/i18n/resources.ts';

type MenuStrings = (typeof resources)['en']['menu'];
/** `area.item` keys of shared/i18n/en/menu.json; a missing key is a compile error. */
export type MenuKey = {
  [A in keyof MenuStrings]: `${A & string}.${keyof MenuStrings[A] & string}`;
}[keyof MenuStrings];

export function menuText(language: Language, key: MenuKey): string {
  const [area, item] = key.split('.') as [keyof MenuStrings, string];
  const strings = resources[language].menu[area] as Record<string, string>;
  return strings[item] ?? (resources.en.menu[area] as Record<string, string>)[item] ?? key;
}

/** Every command id a menu can send over `app:run-command`; the renderer's registry runs them. */
export const MENU_COMMAND_IDS = [
  'view.open',
  'view.mine',
  'view.pending',
  'view.snoozed',
  'view.resolved',
  'view.all',
  'conversation.resolve',
  'conversation.snooze',
  'conversation.assign',
  'conversation.label',
  'search.focus',
  'palette.open',
  'help.shortcuts',
  'theme.toggle',
  'language.nl',
  'language.en',
] as const;
export type MenuCommandId = (typeof MENU_COMMAND_IDS)[number];

export interface MenuContext {
  language: Language;
  platform: NodeJS.Platform;
  /** Shows reload and developer tools. */
  isDev: boolean;
  runCommand(commandId: MenuCommandId): void;
}

/**
 * The application menu as a plain template (no Electron at runtime, so it is unit-tested).
 * Command items only display their shortcut (`registerAccelerator: false`): the renderer
 * handles keys itself, so single-letter shortcuts never steal typing from a text field.
 */
export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const t = (key: MenuKey) => menuText(ctx.language, key);
  const mod = ctx.platform === 'darwin' ? 'Cmd' : 'Ctrl';
  const command = (
    commandId: MenuCommandId,
    key: MenuKey,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    id: commandId,
    label: t(key),
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => ctx.runCommand(commandId),
  });
  const isMac = ctx.platform === 'darwin';

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'Webcare',
      submenu: [
        { role: 'about', label: t('help.about') },
        { type: 'separator' },
        { role: 'services', label: t('app.services') },
        { type: 'separator' },
        { role: 'hide', label: t('app.hide') },
        { role: 'hideOthers', label: t('app.hideOthers') },
        { role: 'unhide', label: t('app.showAll') },
        { type: 'separator' },
        { role: 'quit', label: t('file.quit') },
      ],
    });
  } else {
    template.push({ label: t('file.label'), submenu: [{ role: 'quit', label: t('file.quit') }] });
  }
  template.push(
    {
      label: t('edit.label'),
      submenu: [
        { role: 'undo', label: t('edit.undo') },
        { role: 'redo', label: t('edit.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('edit.cut') },
        { role: 'copy', label: t('edit.copy') },
        { role: 'paste', label: t('edit.paste') },
        { role: 'selectAll', label: t('edit.selectAll') },
      ],
    },
    {
      label: t('view.label'),
      submenu: [
        command('view.open', 'view.open'),
        command('view.mine', 'view.mine'),
        command('view.pending', 'view.pending'),
        command('view.snoozed', 'view.snoozed'),
        command('view.resolved', 'view.resolved'),
        command('view.all', 'view.all'),
        { type: 'separator' },
        command('search.focus', 'view.search', '/'),
        command('palette.open', 'view.palette', `${mod}+K`),
        command('theme.toggle', 'view.theme'),
        { type: 'separator' },
        { role: 'zoomIn', label: t('view.zoomIn') },
        { role: 'zoomOut', label: t('view.zoomOut') },
        { role: 'resetZoom', label: t('view.resetZoom') },
        { role: 'togglefullscreen', label: t('view.fullScreen') },
        ...(ctx.isDev
          ? ([
              { type: 'separator' },
              { role: 'reload', label: t('view.reload') },
              { role: 'toggleDevTools', label: t('view.devTools') },
            ] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: t('conversation.label'),
      submenu: [
        command('conversation.resolve', 'conversation.resolve', 'E'),
        command('conversation.snooze', 'conversation.snooze', 'S'),
        command('conversation.assign', 'conversation.assign', 'A'),
        command('conversation.label', 'conversation.labels', 'L'),
      ],
    },
    {
      label: t('language.label'),
      submenu: (['nl', 'en'] as const).map((language) => ({
        ...command(`language.${language}`, `language.${language}`),
        type: 'radio' as const,
        checked: ctx.language === language,
      })),
    },
    {
      label: t('window.label'),
      submenu: [
        { role: 'minimize', label: t('window.minimize') },
        { role: 'close', label: t('window.close') },
      ],
    },
    {
      role: 'help',
      label: t('help.label'),
      submenu: [
        command('help.shortcuts', 'help.shortcuts', '?'),
        ...(isMac ? [] : [{ role: 'about' as const, label: t('help.about') }]),
      ],
    },
  );
  return template;
}

import { describe, expect, it } from 'vitest';
import { MENU_COMMAND_IDS } from '../../electron/main/menu/menu-template.ts';
import { COMMANDS } from '../../renderer/commands/commands.ts';

describe('Electron menu and command registry', () => {
  it('every menu item runs a command that exists in the registry', () => {
    const ids = new Set(COMMANDS.map((c) => c.id));
    for (const id of MENU_COMMAND_IDS) expect({ id, known: ids.has(id) }).toEqual({ id, known: true });
  });
});

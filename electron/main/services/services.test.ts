import { describe, expect, it, vi } from 'vitest';
import { buildAppInfo, detectOsLocale } from './app-info.ts';
import { createEventBus } from './events.ts';
import { createOpenExternal, isAllowedExternalUrl } from './open-external.ts';

describe('detectOsLocale', () => {
  it('reads POSIX locale variables in priority order', () => {
    expect(detectOsLocale({ LANG: 'nl_NL.UTF-8' }, 'en-US')).toBe('nl-NL');
    expect(detectOsLocale({ LC_ALL: 'en_GB.UTF-8', LANG: 'nl_NL.UTF-8' }, 'en-US')).toBe('en-GB');
    expect(detectOsLocale({ LANG: 'nl_BE@euro' }, 'en-US')).toBe('nl-BE');
  });
  it('falls back to Intl when the variables say nothing useful', () => {
    expect(detectOsLocale({ LANG: 'C.UTF-8' }, 'nl-NL')).toBe('nl-NL');
    expect(detectOsLocale({}, 'fr-FR')).toBe('fr-FR');
  });
  it('is part of the app info', () => {
    expect(
      buildAppInfo({
        version: '1.2.3',
        mode: 'browser',
        dataDir: '/d',
        osLocale: 'nl-NL',
        platform: 'linux',
      }),
    ).toEqual({
      name: 'Webcare',
      version: '1.2.3',
      mode: 'browser',
      platform: 'linux',
      osLocale: 'nl-NL',
      dataDir: '/d',
    });
  });
});

describe('open-external allowlist', () => {
  it.each(['https://www.example.nl/klacht', 'mailto:klantenservice@example.nl'])('allows %s', (url) =>
    expect(isAllowedExternalUrl(url)).toBe(true),
  );
  it.each([
    'http://example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'https://user:pw@example.com',
    'ms-settings:',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
  it('calls the opener only for allowed URLs', async () => {
    const open = vi.fn(async () => undefined);
    const openExternal = createOpenExternal(open);
    expect(await openExternal('file:///etc/passwd')).toEqual({ opened: false });
    expect(await openExternal('https://example.com')).toEqual({ opened: true });
    expect(open).toHaveBeenCalledExactlyOnceWith('https://example.com');
    expect(await createOpenExternal(null)('https://example.com')).toEqual({ opened: false });
  });
});

describe('event bus', () => {
  it('delivers to every sink and survives a failing one', () => {
    const bus = createEventBus();
    const good = vi.fn();
    const errorLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bus.subscribe(() => {
      throw new Error('window gone');
    });
    const off = bus.subscribe(good);
    bus.emit('app:run-command', { commandId: 'view.open' });
    expect(good).toHaveBeenCalledWith('app:run-command', { commandId: 'view.open' });
    off();
    bus.emit('app:run-command', { commandId: 'view.open' });
    expect(good).toHaveBeenCalledTimes(1);
    expect(errorLog).toHaveBeenCalled();
    errorLog.mockRestore();
  });
});

describe('storage:disk', () => {
  it('reads the free and total bytes of the data folder’s filesystem, and says nothing for a missing folder', async () => {
    const { diskOf } = await import('../ipc/services.ts');
    const { tmpdir } = await import('node:os');
    const disk = await diskOf(tmpdir());
    expect(disk.total).toBeGreaterThan(0);
    expect(disk.free).toBeGreaterThanOrEqual(0);
    expect(disk.free!).toBeLessThanOrEqual(disk.total!);
    expect(await diskOf('/no/such/folder/webcare')).toEqual({ free: null, total: null });
  });
});

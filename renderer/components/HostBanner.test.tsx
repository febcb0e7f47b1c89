import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n.ts';
import { getWebcare, resetWebcareForTests } from '../platform/bridge.ts';
import { HostBanner } from './HostBanner.tsx';

class SilentSocket {
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  close() {}
}

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  cleanup();
  resetWebcareForTests();
  delete window.webcare;
  vi.unstubAllGlobals();
});

describe('HostBanner', () => {
  it('appears, translated, once a call meets a 401, and its button reloads the window', async () => {
    vi.stubGlobal('WebSocket', SilentSocket);
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ ok: false, error: { code: 'forbidden' } }), { status: 401 }),
      ),
    );
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload });
    render(<HostBanner />);
    expect(screen.queryByTestId('host-banner')).toBeNull();

    await act(async () => {
      await getWebcare()
        .invoke('settings:get')
        .catch(() => undefined);
    });
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('Webcare was restarted; reload this window.');
    fireEvent.click(screen.getByTestId('host-banner-reload'));
    expect(reload).toHaveBeenCalledOnce();

    await act(async () => {
      await i18next.changeLanguage('nl');
    });
    expect(screen.getByRole('alert').textContent).toContain(
      'Webcare is opnieuw gestart; laad dit venster opnieuw.',
    );
    expect(screen.getByTestId('host-banner-reload').textContent).toBe('Opnieuw laden');
    await act(async () => {
      await i18next.changeLanguage('en');
    });
  });
});

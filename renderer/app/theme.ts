import type { ThemeSetting } from '../../shared/settings/schema.ts';

/** Sets `data-theme` on <html>; `system` follows the OS and keeps following it. Returns a cleanup. */
export function applyTheme(setting: ThemeSetting): () => void {
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => {
    const dark = setting === 'dark' || (setting === 'system' && !!media?.matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  };
  apply();
  if (setting !== 'system' || !media) return () => {};
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}

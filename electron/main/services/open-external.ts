/**
 * Which links the app may hand to the OS browser. Only https (and mailto for the email
 * channel), no credentials in the URL: a compromised renderer must not be able to launch
 * `file:`, `smb:` or custom protocol handlers.
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0;
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}

export type OpenExternal = (url: string) => Promise<{ opened: boolean }>;

/** Wraps a platform opener (Electron's shell.openExternal) with the allowlist. */
export function createOpenExternal(open: ((url: string) => Promise<void>) | null): OpenExternal {
  return async (url) => {
    if (!open || !isAllowedExternalUrl(url)) return { opened: false };
    await open(url);
    return { opened: true };
  };
}

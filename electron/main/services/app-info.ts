import type { AppInfo } from '../../../shared/ipc/contract.ts';

/**
 * The OS locale as a BCP 47 tag. POSIX variables win (LC_ALL, LC_MESSAGES, LANG: `nl_NL.UTF-8`
 * becomes `nl-NL`) because Node's Intl default ignores them in some builds; then Intl.
 */
export function detectOsLocale(
  env: Record<string, string | undefined> = process.env,
  intlLocale = Intl.DateTimeFormat().resolvedOptions().locale,
): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (!value || value === 'C' || value === 'POSIX' || value.startsWith('C.')) continue;
    const tag = value.split('.')[0]!.split('@')[0]!.replace('_', '-');
    if (/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(tag)) return tag;
  }
  return intlLocale || 'en-US';
}

export interface AppInfoInput {
  name?: string;
  version: string;
  mode: AppInfo['mode'];
  dataDir: string;
  osLocale?: string;
  platform?: string;
}

export function buildAppInfo(input: AppInfoInput): AppInfo {
  return {
    name: input.name ?? 'Webcare',
    version: input.version,
    mode: input.mode,
    platform: input.platform ?? process.platform,
    osLocale: input.osLocale ?? detectOsLocale(),
    dataDir: input.dataDir,
  };
}

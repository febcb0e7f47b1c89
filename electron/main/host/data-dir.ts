import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Webcare';

/**
 * The OS app-data folder, the same one Electron's `userData` points at, so browser mode and
 * the desktop app share settings: ~/.config/Webcare (Linux, honouring XDG_CONFIG_HOME),
 * %APPDATA%\Webcare (Windows), ~/Library/Application Support/Webcare (macOS).
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env,
  home = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}

/** `--data-dir` wins over WEBCARE_DATA_DIR, which wins over the OS default. */
export function resolveDataDir(
  flag: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  return flag || env.WEBCARE_DATA_DIR || defaultDataDir(process.platform, env);
}

import { spawn } from 'node:child_process';

/** The command that opens a URL in the default browser, or null when there is none to try. */
export function browserOpenCommand(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): { command: string; args: string[] } | null {
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  // No display: a browser cannot appear, and xdg-open would fall back to a text browser.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [] };
}

/** Best effort: never throws, never keeps the process alive. Returns whether it tried. */
export function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const command = browserOpenCommand(platform, env);
  if (!command) return false;
  try {
    const child = spawn(command.command, [...command.args, url], {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
    });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

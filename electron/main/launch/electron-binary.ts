import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Electron zip puts the executable inside its dist folder. */
export function electronExecutableName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

export interface FindElectronOptions {
  root: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
  readFile?: (path: string) => string;
}

/**
 * Finds the Electron executable the way node_modules/electron/index.js does, but WITHOUT its
 * side effect: requiring that module starts a download when the binary is missing (and fails
 * offline). Returns null when no binary is installed.
 */
export function findElectronBinary(options: FindElectronOptions): string | null {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const exists = options.exists ?? existsSync;
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const pkg = join(options.root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const recorded = exists(pathFile) ? readFile(pathFile).trim() : '';
  const executable = recorded || electronExecutableName(platform);
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable)
    : join(pkg, 'dist', executable);
  return exists(candidate) ? candidate : null;
}

import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../host/browser-mode.ts';
import { reportStartFailure, runHostCli } from '../host/cli.ts';
import { findElectronBinary } from './electron-binary.ts';
import { needsBuild } from './staleness.ts';

export const NO_ELECTRON_LINE =
  'Electron binary not available on this machine; starting browser mode instead.';

export interface StartOptions {
  /** Skip Electron even when it is installed. */
  browser: boolean;
  open: boolean;
  build: boolean;
  /** Everything else goes to the host (browser mode) or to Electron. */
  rest: string[];
}

export function parseStartArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): StartOptions {
  const { values, tokens } = parseArgs({
    args: argv,
    options: {
      browser: { type: 'boolean' },
      'no-open': { type: 'boolean' },
      'no-build': { type: 'boolean' },
    },
    strict: false,
    tokens: true,
  });
  const own = new Set(['browser', 'no-open', 'no-build']);
  const rest: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option' && own.has(token.name)) continue;
    if (token.kind === 'option')
      rest.push(token.rawName, ...(token.value !== undefined ? [token.value] : []));
    else if (token.kind === 'positional') rest.push(token.value);
  }
  return {
    browser: values.browser === true || env.WEBCARE_BROWSER_MODE === '1',
    open: values['no-open'] !== true && env.WEBCARE_NO_OPEN !== '1' && env.CI === undefined,
    build: values['no-build'] !== true,
    rest,
  };
}

function npmRun(script: string): void {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(`Webcare: \`npm run ${script}\` failed; fix the build and run \`npm start\` again.`);
    process.exit(result.status ?? 1);
  }
}

/** `npm start`: build what is stale, then Electron when its binary exists, else browser mode. */
export async function start(argv: string[]): Promise<void> {
  const options = parseStartArgs(argv);
  const src = (...dirs: string[]) => dirs.map((dir) => join(REPO_ROOT, dir));
  if (options.build && needsBuild(join(REPO_ROOT, 'dist/renderer/index.html'), src('renderer', 'shared'))) {
    console.log('Building the renderer…');
    npmRun('build:renderer');
  }
  const electron = options.browser ? null : findElectronBinary({ root: REPO_ROOT });
  if (electron) {
    if (options.build && needsBuild(join(REPO_ROOT, 'dist/electron/main.cjs'), src('electron', 'shared')))
      npmRun('build:electron');
    const child = spawn(electron, [REPO_ROOT, ...options.rest], { cwd: REPO_ROOT, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  if (!options.browser) console.log(NO_ELECTRON_LINE);
  await runHostCli([...options.rest, ...(options.open ? ['--open'] : [])]);
}

export function runStart(argv: string[]): void {
  start(argv).catch(reportStartFailure);
}

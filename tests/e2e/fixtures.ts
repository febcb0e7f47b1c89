import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium, expect } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { freePort } from '../servers/ports.ts';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** A browser-mode host started for one test, with its own data folder and port. */
export interface WebcareHost {
  /** http://127.0.0.1:PORT/?token=T (the data folder's token: the same after a restart). */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly baseURL: string;
  readonly token: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the host printed so far. */
  readonly output: string;
  /**
   * Stops the host and starts it again on the SAME port and data folder (same token); `env`
   * replaces the options' environment from then on (e.g. to start without a crash point).
   */
  restart(env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL, as a power cut or a crash would end it (no shutdown code runs); then `restart()`. */
  kill(): Promise<void>;
}

export interface HostOptions {
  /** Serve this folder instead of dist/renderer. */
  rendererDir?: string;
  env?: Record<string, string>;
}

export { freePort };

const READY = /Open Webcare: (http:\/\/\S+)/;

export async function startHost(
  options: HostOptions & { dataDir?: string; port?: number } = {},
): Promise<WebcareHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'webcare-e2e-data-'));
  const port = options.port ?? (await freePort());
  let child: ChildProcessWithoutNullStreams | null = null;
  let url = '';
  let output = '';
  let env = options.env ?? {};

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const args = [
        '--import',
        'tsx',
        'electron/main/host/cli.ts',
        '--data-dir',
        dataDir,
        '--port',
        String(port),
      ];
      if (options.rendererDir) args.push('--renderer-dir', options.rendererDir);
      const proc = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
      const from = output.length;
      child = proc;
      const timer = setTimeout(() => reject(new Error(`host did not start within 30 s:\n${output}`)), 30_000);
      proc.stdout.setEncoding('utf8');
      proc.stderr.setEncoding('utf8');
      proc.stderr.on('data', (chunk: string) => (output += chunk));
      proc.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = READY.exec(output.slice(from));
        if (match && !url) {
          url = match[1]!;
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited with ${code}:\n${output}`));
      });
    });

  const stop = async () => {
    const proc: ChildProcessWithoutNullStreams | null = child;
    child = null;
    // A process killed by a signal (a crash-point test) has no exit code, only a signal.
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  url = '';
  await launch();
  return {
    get url() {
      return url;
    },
    get token() {
      return new URL(url).searchParams.get('token')!;
    },
    baseURL: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    get output() {
      return output;
    },
    async restart(next?: Record<string, string>) {
      if (next) env = next;
      await stop();
      url = '';
      await launch();
    },
    stop,
    async kill() {
      const proc: ChildProcessWithoutNullStreams | null = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

type Fixtures = {
  hostOptions: HostOptions;
  host: WebcareHost;
  context: BrowserContext;
  page: Page;
};

/**
 * `host`: a fresh browser-mode host per test (temp data folder, free port), stopped after.
 * `context`/`page`: a persistent Chromium profile in a temp folder, so IndexedDB and cookies
 * survive `host.restart()` and page reloads exactly as they would for a user.
 */
export const test = base.extend<Fixtures>({
  hostOptions: [{}, { option: true }],
  host: async ({ hostOptions }, use) => {
    const host = await startHost(hostOptions);
    try {
      await use(host);
    } finally {
      await host.stop();
      rmSync(host.dataDir, { recursive: true, force: true });
    }
  },
  context: async ({ host, launchOptions, viewport, locale }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'webcare-e2e-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      ...launchOptions,
      baseURL: host.baseURL,
      ...(viewport ? { viewport } : {}),
      ...(locale ? { locale } : {}),
    });
    try {
      await use(context);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
});

export { expect };

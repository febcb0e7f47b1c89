import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Server } from 'node:http';
import { openInBrowser } from '../launch/open-browser.ts';
import { resolveDataDir } from './data-dir.ts';
import { REPO_ROOT, startBrowserMode } from './browser-mode.ts';
import type { Middleware } from './server.ts';

/** The line tests and scripts wait for; the URL follows it. */
export const READY_PREFIX = 'Open Webcare:';

export const HELP = `Usage: node --import tsx electron/main/host/cli.ts [options]

  --data-dir DIR      data folder (default: WEBCARE_DATA_DIR or the OS app-data folder)
  --port N            listen on this port (default: the data folder's port, first 47800)
  --renderer-dir DIR  built renderer to serve (default: dist/renderer)
  --dev               serve the renderer through Vite with hot reload (npm run dev)
  --open              open the URL in the default browser when there is one
  --help              show this help`;

export interface CliOptions {
  dataDir: string;
  port?: number;
  rendererDir: string;
  dev: boolean;
  open: boolean;
  help: boolean;
}

export function parseCliArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'renderer-dir': { type: 'string' },
      dev: { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  }
  return {
    dataDir: resolve(resolveDataDir(values['data-dir'], env)),
    ...(port !== undefined ? { port } : {}),
    rendererDir: resolve(values['renderer-dir'] ?? resolve(REPO_ROOT, 'dist/renderer')),
    dev: values.dev,
    open: values.open,
    help: values.help,
  };
}

/** Runs the host until SIGINT/SIGTERM. Used by this file as a script and by `npm start`. */
export async function runHostCli(argv: string[]): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(HELP);
    process.exit(2);
  }
  if (options.help) {
    console.log(HELP);
    return;
  }

  let closeVite: (() => Promise<void>) | undefined;
  let middleware: Middleware | undefined;
  let beforeListen: ((server: Server) => Promise<void>) | undefined;
  if (options.dev) {
    let viteMiddleware: Middleware | undefined;
    middleware = (req, res, next) => (viteMiddleware ? viteMiddleware(req, res, next) : next());
    beforeListen = async (server) => {
      const { createServer } = await import('vite');
      const vite = await createServer({
        configFile: resolve(REPO_ROOT, 'renderer/vite.config.ts'),
        appType: 'spa',
        server: { middlewareMode: true, hmr: { server } },
      });
      viteMiddleware = vite.middlewares as unknown as Middleware;
      closeVite = () => vite.close();
    };
  }

  const host = await startBrowserMode({
    dataDir: options.dataDir,
    rendererDir: options.rendererDir,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(middleware ? { middleware } : {}),
    ...(beforeListen ? { beforeListen } : {}),
  });
  console.log(
    `Webcare browser mode${options.dev ? ' (dev, hot reload)' : ''}, data folder ${options.dataDir}`,
  );
  if (host.fellBackFrom !== undefined)
    console.log(`Port ${host.fellBackFrom} is in use; using ${host.port} for this data folder from now on.`);
  console.log(`${READY_PREFIX} ${host.url}`);
  if (options.open) openInBrowser(host.url);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping Webcare (${signal})…`);
    void Promise.all([host.close(), closeVite?.()]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export function reportStartFailure(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    console.error(
      `Webcare: that port is already in use (${(error as Error).message}). Choose another with --port.`,
    );
  else console.error('Webcare failed to start:', error);
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runHostCli(process.argv.slice(2)).catch(reportStartFailure);
}

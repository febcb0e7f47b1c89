import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';

/** The first port tried for a data folder that has none remembered. */
export const DEFAULT_PORT = 47800;
const PORT_FILE = 'host.json';

/**
 * IndexedDB is per origin and the origin includes the port, so a data folder keeps its port
 * across runs: the renderer then finds its inbox again after a host restart.
 */
export function rememberedPort(dataDir: string): number | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dataDir, PORT_FILE), 'utf8'));
    const port =
      typeof parsed === 'object' && parsed !== null ? (parsed as { port?: unknown }).port : undefined;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

export function rememberPort(dataDir: string, port: number): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, PORT_FILE), `${JSON.stringify({ port }, null, 2)}\n`);
}

/** Loopback only: never 0.0.0.0 or ::. */
export const LISTEN_HOST = '127.0.0.1';

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host: LISTEN_HOST, port, exclusive: true });
  });
}

export interface ListenResult {
  port: number;
  /** Set when the wanted port was taken and another one was chosen. */
  fellBackFrom?: number;
}

/**
 * Listens on the explicit port (failing when busy), or on the data folder's remembered port
 * (default {@link DEFAULT_PORT}), falling back to a free port that is then remembered.
 */
export async function listenForDataDir(
  server: Server,
  dataDir: string,
  explicitPort: number | undefined,
): Promise<ListenResult> {
  if (explicitPort !== undefined) return { port: await listen(server, explicitPort) };
  const wanted = rememberedPort(dataDir) ?? DEFAULT_PORT;
  try {
    const port = await listen(server, wanted);
    rememberPort(dataDir, port);
    return { port };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const port = await listen(server, 0);
    rememberPort(dataDir, port);
    return { port, fellBackFrom: wanted };
  }
}

import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataResult } from 'smtp-server';

/**
 * A real SMTP server in-process (the `smtp-server` package) on 127.0.0.1 for tests and the
 * e2e host: AUTH PLAIN/LOGIN with one user, no TLS (loopback), every accepted message kept.
 * `respondNext([451, 250])` scripts the replies to the next DATA commands (then 250 again).
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header value by lower-case name (first occurrence, unfolded). */
  header(name: string): string | null;
}

export interface SmtpTestServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Messages the server accepted with 250, in order. */
  readonly accepted: ReceivedMail[];
  /** DATA commands answered with an error (the message was not taken). */
  readonly refused: number;
  respondNext(codes: number[]): void;
  /** Stops accepting connections (clients see the server as unreachable) until `start()`. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1]!.trim() : null;
}

const REASONS: Record<number, string> = {
  421: '4.3.2 Service shutting down, try again later',
  450: '4.2.1 Mailbox busy, try again later',
  451: '4.3.0 Temporary local problem, try again later',
  452: '4.3.1 Insufficient system storage',
  550: '5.1.1 <customer@example.test>: Recipient address rejected: User unknown',
  552: '5.3.4 Message size exceeds fixed limit',
  554: '5.7.1 Message rejected as spam',
};

export async function startSmtpServer(
  options: { user?: string; password?: string; port?: number } = {},
): Promise<SmtpTestServer> {
  const user = options.user ?? 'agent@example.test';
  const password = options.password ?? 'smtp-secret';
  const accepted: ReceivedMail[] = [];
  const script: number[] = [];
  let refused = 0;
  let port = options.port ?? 0;
  let server: SMTPServer | null = null;

  const build = () =>
    new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === user && auth.password === password) callback(null, { user });
        else
          callback(
            Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }),
          );
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const code = script.shift() ?? 250;
          if (code !== 250) {
            refused += 1;
            const error = Object.assign(new Error(REASONS[code] ?? `${code} refused`), {
              responseCode: code,
            });
            callback(error as SMTPServerDataResult & Error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          accepted.push({
            from,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            header: (name) => headerOf(raw, name),
          });
          callback(null, 'Ok: queued');
        });
      },
    });

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const next = build();
      server = next;
      next.on('error', () => undefined);
      next.server.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.server.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      if (!current) return resolve();
      current.close(() => resolve());
    });

  await start();
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    user,
    password,
    accepted,
    get refused() {
      return refused;
    },
    respondNext(codes) {
      script.push(...codes);
    },
    stop,
    start,
  };
}

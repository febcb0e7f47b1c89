import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { MailServer } from '../../../../shared/channels/schemas.ts';

/**
 * SMTP submission with nodemailer's SMTPConnection (not the transport) so that the caller sees
 * each step: connected and authenticated, then the transfer, then the server's 250. The
 * delivery journal records the attempt between the two (see SendHooks).
 */

export interface SmtpSession {
  readonly secure: boolean;
  readonly extensions: string[];
  /** MAIL FROM, RCPT TO, DATA and the message; resolves on the server's 250. */
  send(
    envelope: { from: string; to: string[] },
    raw: Buffer,
  ): Promise<{ accepted: string[]; response: string }>;
  quit(): void;
}

export interface SmtpOptions {
  server: MailServer;
  password: string;
  /** EHLO name. */
  clientName?: string;
  timeoutMs?: number;
}

export async function openSmtp(options: SmtpOptions): Promise<SmtpSession> {
  const { server } = options;
  const timeout = options.timeoutMs ?? 30_000;
  const connection = new SMTPConnection({
    host: server.host,
    port: server.port,
    secure: server.tls === 'tls',
    requireTLS: server.tls === 'starttls',
    ignoreTLS: server.tls === 'none',
    name: options.clientName ?? 'webcare.local',
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 2 * timeout,
    logger: false,
    debug: false,
  });
  // Socket failures arrive as 'error' events (and not through the connect/login callbacks), and
  // an 'error' without a listener would crash main: each step fails on whichever comes first.
  let failStep: ((error: unknown) => void) | null = null;
  connection.on('error', (error: unknown) => failStep?.(error));
  const step = (run: (done: (error?: unknown) => void) => void) =>
    new Promise<void>((resolve, reject) => {
      failStep = reject;
      run((error) => (error ? reject(error) : resolve()));
    }).finally(() => {
      failStep = null;
    });
  try {
    await step((done) => connection.connect(done));
    if (connection.allowsAuth)
      await step((done) =>
        connection.login({ credentials: { user: server.user, pass: options.password } }, done),
      );
  } catch (error) {
    connection.close();
    throw error;
  }
  const extensions =
    (connection as unknown as { _supportedExtensions?: string[] })._supportedExtensions ?? [];
  return {
    secure: connection.secure,
    extensions: [...extensions, ...(connection.allowsAuth ? ['AUTH'] : [])].filter(
      (v, i, all) => all.indexOf(v) === i,
    ),
    send(envelope, raw) {
      return new Promise((resolve, reject) =>
        connection.send(envelope, raw, (error, info) =>
          error
            ? reject(error)
            : resolve({ accepted: info.accepted.map(String), response: String(info.response ?? '') }),
        ),
      );
    },
    quit() {
      try {
        connection.quit();
      } catch {
        connection.close();
      }
    },
  };
}

import { ImapFlow } from 'imapflow';
import type { ImapFlowOptions, ListResponse, MessageStructureObject } from 'imapflow';
import type { MailServer } from '../../../../shared/channels/schemas.ts';
import type { IngestAttachment } from '../../../../shared/ingest/message.ts';

/** One imapflow client per use, never logging (credentials and mail must not reach logs). */
export function createImapClient(
  server: MailServer,
  password: string,
  extra: Partial<ImapFlowOptions> = {},
): ImapFlow {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.tls === 'tls',
    doSTARTTLS: server.tls === 'starttls' ? true : server.tls === 'none' ? false : undefined,
    auth: { user: server.user, pass: password },
    logger: false,
    emitLogs: false,
    clientInfo: { name: 'Webcare' },
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: 5 * 60_000,
    disableAutoIdle: true,
    ...extra,
  });
  // imapflow emits 'error' for socket failures; without a listener Node would throw.
  client.on('error', () => undefined);
  return client;
}

/** The folder for sent replies: the configured one, else the one marked \Sent, else "Sent". */
export function pickSentFolder(list: ListResponse[], configured: string | null): string | null {
  if (configured) return list.some((m) => m.path === configured) ? configured : null;
  return (
    list.find((m) => m.specialUse === '\\Sent')?.path ??
    list.find((m) => /^sent$/i.test(m.name))?.path ??
    null
  );
}

/** Text and HTML body parts and attachments of a BODYSTRUCTURE, for messages too big to download whole. */
export function walkStructure(root: MessageStructureObject): {
  text: string | null;
  html: string | null;
  attachments: IngestAttachment[];
} {
  let text: string | null = null;
  let html: string | null = null;
  const attachments: IngestAttachment[] = [];
  const visit = (node: MessageStructureObject) => {
    if (node.childNodes?.length) {
      for (const child of node.childNodes) visit(child);
      return;
    }
    const type = node.type.toLowerCase();
    const part = node.part ?? '1';
    const filename = node.dispositionParameters?.filename ?? node.parameters?.name ?? null;
    const isAttachment =
      node.disposition?.toLowerCase() === 'attachment' || (filename !== null && !type.startsWith('text/'));
    if (!isAttachment && type === 'text/plain' && text === null) text = part;
    else if (!isAttachment && type === 'text/html' && html === null) html = part;
    else if (isAttachment || filename !== null)
      attachments.push({
        name: filename ?? 'attachment',
        size: node.size ?? 0,
        contentType: type,
        partId: part,
      });
  };
  visit(root);
  return { text, html, attachments };
}

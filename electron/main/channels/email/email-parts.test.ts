import { describe, expect, it } from 'vitest';
import { ConnectorFailure } from '../connector.ts';
import { classifyEmailError, smtpRefusedForSure } from './classify.ts';
import { composeReply, messageIdFor, replyBody, replyReferences, replySubject } from './compose.ts';
import { decodeCursor, encodeCursor, folderFor, newCursor } from './cursor.ts';
import { messageIds, parseEmail, syntheticRemoteId } from './parse.ts';

const now = Date.UTC(2026, 11, 1, 9);

describe('reply headers', () => {
  it.each([
    ['Storing internet', 'Re: Storing internet'],
    ['Re: Storing internet', 'Re: Storing internet'],
    ['RE: re: AW: Antw: Storing', 'Re: Storing'],
    ['Re[2]: Storing', 'Re: Storing'],
    ['Fwd: Factuur', 'Re: Fwd: Factuur'],
    ['', 'Re:'],
    [null, 'Re:'],
  ])('%j → %j', (subject, expected) => expect(replySubject(subject)).toBe(expected));

  it('references the parent chain plus the parent, oldest first, once each, trimming the middle', () => {
    const target = {
      kind: 'email' as const,
      to: [],
      cc: [],
      subject: null,
      inReplyTo: 'p@x',
      references: ['a@x', 'b@x', 'a@x'],
    };
    expect(replyReferences(target)).toEqual(['a@x', 'b@x', 'p@x']);
    const long = { ...target, references: Array.from({ length: 40 }, (_, i) => `r${i}@x`) };
    const refs = replyReferences(long);
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('r0@x');
    expect(refs.at(-1)).toBe('p@x');
  });

  it('makes the Message-ID from the key and the sender domain, unless the key is one', () => {
    expect(messageIdFor('abc12345', 'Team@Example.NL')).toBe('abc12345@example.nl');
    expect(messageIdFor('abc12345@webcare.example', 'team@example.nl')).toBe('abc12345@webcare.example');
  });

  it('puts the signature below the standard separator', () => {
    expect(replyBody({ text: 'Hoi\r\n\r\n', signature: ' Sanne ' })).toBe('Hoi\n\n-- \nSanne\n');
    expect(replyBody({ text: 'Hoi', signature: null })).toBe('Hoi\n');
  });

  it('composes a message whose bytes carry the threading headers and our Message-ID', async () => {
    const settings = {
      address: 'team@example.nl',
      displayName: 'Team Webcare',
      imap: { host: 'imap.example.nl', port: 993, tls: 'tls' as const, user: 'u' },
      smtp: { host: 'smtp.example.nl', port: 587, tls: 'starttls' as const, user: 'u' },
      folders: ['INBOX'],
      sentFolder: null,
      historyDays: 30,
    };
    const composed = await composeReply(
      settings,
      {
        kind: 'email',
        to: [{ address: 'kees@example.net', name: 'Kees' }],
        cc: [],
        subject: 'Vraag',
        inReplyTo: 'q1@example.net',
        references: [],
      },
      { text: 'Antwoord', signature: null },
      'key-00000001',
      now,
    );
    const raw = composed.raw.toString('utf8');
    expect(composed.messageId).toBe('key-00000001@example.nl');
    expect(raw).toMatch(/^Message-ID: <key-00000001@example\.nl>$/m);
    expect(raw).toMatch(/^In-Reply-To: <q1@example\.net>$/m);
    expect(raw).toMatch(/^References: <q1@example\.net>$/m);
    expect(raw).toMatch(/^Subject: Re: Vraag$/m);
    expect(composed.envelope).toEqual({ from: 'team@example.nl', to: ['kees@example.net'] });
  });
});

describe('parsing fetched mail', () => {
  it('reads message ids with and without angle brackets', () => {
    expect(messageIds('<a@x> <b@y>')).toEqual(['a@x', 'b@y']);
    expect(messageIds(['<a@x>', '<b@y>'])).toEqual(['a@x', 'b@y']);
    expect(messageIds('a@x')).toEqual(['a@x']);
    expect(messageIds(undefined)).toEqual([]);
  });

  const context = { ownAddress: 'team@example.nl', sentFolder: false, internalDate: new Date(now) };

  it('gives a message without Message-ID a stable id from its headers', async () => {
    const raw = Buffer.from(
      'From: a@x\r\nSubject: hoi\r\nDate: Tue, 1 Dec 2026 08:00:00 +0000\r\n\r\nbody\r\n',
    );
    const one = await parseEmail(raw, context);
    const two = await parseEmail(Buffer.from(raw), { ...context, internalDate: new Date(now + 5000) });
    expect(one.remoteId).toMatch(/^sha256:[0-9a-f]{40}$/);
    expect(one.remoteId).toBe(two.remoteId);
    expect(one.rfcMessageId).toBeNull();
    expect(syntheticRemoteId(Buffer.from('x'))).not.toBe(one.remoteId);
  });

  it('believes the Date header unless it lies far in the future', async () => {
    const at = (date: string) => Buffer.from(`From: a@x\r\nMessage-ID: <d@x>\r\nDate: ${date}\r\n\r\nb\r\n`);
    expect((await parseEmail(at('Tue, 1 Dec 2026 08:00:00 +0000'), context)).createdAt).toBe(
      Date.UTC(2026, 11, 1, 8),
    );
    expect((await parseEmail(at('Tue, 1 Dec 2030 08:00:00 +0000'), context)).createdAt).toBe(now);
    expect((await parseEmail(at('not a date'), context)).createdAt).toBe(now);
  });

  it('derives text from an HTML-only message and keeps the HTML raw', async () => {
    const raw = Buffer.from(
      'From: Kees <KEES@example.net>\r\nMessage-ID: <h@x>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hallo <b>daar</b></p>\r\n',
    );
    const message = await parseEmail(raw, context);
    expect(message.text).toBe('Hallo daar');
    expect(message.html).toContain('<b>daar</b>');
    expect(message.author).toMatchObject({ id: 'kees@example.net', email: 'kees@example.net', name: 'Kees' });
    expect(message.direction).toBe('incoming');
    const own = await parseEmail(
      Buffer.from('From: Team@Example.nl\r\nMessage-ID: <o@x>\r\n\r\nx\r\n'),
      context,
    );
    expect(own.direction).toBe('outgoing');
  });
});

describe('email cursor', () => {
  it('starts over from an unreadable cursor (the inbox dedupes what comes again)', () => {
    expect(decodeCursor('garbage')).toEqual(newCursor());
    expect(decodeCursor('{"v":2}')).toEqual(newCursor());
    const cursor = { ...newCursor(), fetched: 3 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('starts a back-fill for a new folder and again, over the same window, after a UIDVALIDITY change', () => {
    const window = { now, historyDays: 30 };
    const first = folderFor(newCursor(), 'INBOX', { uidValidity: '7', uidNext: 101 }, window);
    expect(first).toEqual({
      reset: 'new',
      folder: {
        path: 'INBOX',
        uidValidity: '7',
        lastUid: 0,
        backfillUpTo: 100,
        since: now - 30 * 86_400_000,
        modseq: null,
        caughtUpAt: now,
        liveAfter: null,
      },
    });
    const caughtUpAt = now + 5e8;
    const cursor = { ...newCursor(), folders: [{ ...first.folder, lastUid: 100, modseq: '9', caughtUpAt }] };
    expect(
      folderFor(cursor, 'INBOX', { uidValidity: '7', uidNext: 120 }, { now: now + 1e9, historyDays: 30 })
        .reset,
    ).toBeNull();
    const reset = folderFor(
      cursor,
      'INBOX',
      { uidValidity: '8', uidNext: 50 },
      { now: now + 1e9, historyDays: 30 },
    );
    expect(reset.reset).toBe('uidvalidity');
    expect(reset.folder).toMatchObject({
      lastUid: 0,
      backfillUpTo: 49,
      since: first.folder.since,
      modseq: null,
      // Mail that arrived after the folder was last seen caught up is live, whatever its new UID.
      liveAfter: caughtUpAt,
      caughtUpAt: now + 1e9,
    });
    // A second renumbering during that resync keeps the first boundary.
    const again = folderFor(
      { ...newCursor(), folders: [{ ...reset.folder, lastUid: 10 }] },
      'INBOX',
      { uidValidity: '9', uidNext: 52 },
      { now: now + 2e9, historyDays: 30 },
    );
    expect(again.folder).toMatchObject({ liveAfter: caughtUpAt, backfillUpTo: 51 });
  });

  it('reads a cursor stored before the caught-up time was kept (no time boundary: all back-fill as before)', () => {
    const legacy = {
      v: 1,
      fetched: 12,
      folders: [{ path: 'INBOX', uidValidity: '7', lastUid: 12, backfillUpTo: 12, since: now, modseq: null }],
    };
    const read = decodeCursor(JSON.stringify(legacy));
    expect(read.folders[0]).toMatchObject({ lastUid: 12, caughtUpAt: null, liveAfter: null });
    const reset = folderFor(read, 'INBOX', { uidValidity: '8', uidNext: 20 }, { now, historyDays: 30 });
    expect(reset.folder.liveAfter).toBeNull();
  });
});

describe('email error classes', () => {
  it.each([
    [
      {
        authenticationFailed: true,
        serverResponseCode: 'AUTHENTICATIONFAILED',
        responseText: 'Authentication failed.',
      },
      'auth-expired',
    ],
    [
      { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Error: authentication failed' },
      'auth-expired',
    ],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:993' }, 'transient'],
    [{ code: 'ETHROTTLE', throttleReset: 30_000 }, 'rate-limited'],
    [{ code: 'EMESSAGE', responseCode: 451, response: '451 4.3.0 try later' }, 'transient'],
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown' }, 'rejected'],
    [{ mailboxMissing: true, message: 'Mailbox does not exist' }, 'rejected'],
    [{ tlsFailed: true, message: 'self-signed certificate' }, 'rejected'],
    [{ serverResponseCode: 'UNAVAILABLE', responseText: 'Try again' }, 'transient'],
    [
      { serverResponseCode: 'LIMIT', responseText: 'Maximum number of connections from user+IP exceeded' },
      'rate-limited',
    ],
  ])('%j is %s', (error, type) => {
    expect(classifyEmailError(Object.assign(new Error('x'), error), now).type).toBe(type);
  });

  it('marks network failures unreachable, keeps server words, passes classified failures through', () => {
    expect(
      classifyEmailError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), now),
    ).toMatchObject({
      unreachable: true,
      retryAt: now,
    });
    expect(
      classifyEmailError(
        Object.assign(new Error('x'), {
          code: 'EENVELOPE',
          responseCode: 550,
          response: '550 5.1.1 User unknown',
        }),
        now,
      ),
    ).toEqual({
      type: 'rejected',
      code: '550',
      reason: '550 5.1.1 User unknown',
    });
    const failure = new ConnectorFailure({ type: 'window-closed', code: 'W', reason: 'closed' });
    expect(classifyEmailError(failure, now)).toBe(failure.error);
  });

  it('calls a transfer refused for sure only when the server answered with an error', () => {
    expect(smtpRefusedForSure(Object.assign(new Error(), { code: 'EMESSAGE', responseCode: 451 }))).toBe(
      true,
    );
    expect(smtpRefusedForSure(Object.assign(new Error(), { code: 'EENVELOPE', responseCode: 550 }))).toBe(
      true,
    );
    expect(smtpRefusedForSure(Object.assign(new Error(), { code: 'ETIMEDOUT' }))).toBe(false);
    expect(smtpRefusedForSure(Object.assign(new Error(), { code: 'ECONNECTION', responseCode: 421 }))).toBe(
      false,
    );
  });
});

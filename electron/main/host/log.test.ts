import { describe, expect, it } from 'vitest';
import { REDACTED, createHostLog, redact } from './log.ts';

const TOKEN = 'Zq3v9XlW0mJ1c8d2E4f6G8h0J2k4L6m8N0p2Q4r6S8t';

describe('redact', () => {
  it('removes a known secret wherever it appears', () => {
    expect(redact(`a ${TOKEN} b ${TOKEN}`, [TOKEN])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('removes token parameters, session cookies, cookie headers and bearer credentials', () => {
    const line = [
      `GET //?view=open&token=abc123 HTTP/1.1`,
      `input: '//?token=def456'`,
      `Cookie: webcare_token_47800=ghi789; other=jkl012`,
      `cookie: 'theme=dark; sid=mno345'`,
      `'set-cookie': [ 'webcare_token_1=pqr678; HttpOnly' ]`,
      `authorization: 'Bearer stu901'`,
      `Authorization: Basic dXNlcjpwYXNz`,
    ].join('\n');
    const out = redact(line);
    for (const secret of [
      'abc123',
      'def456',
      'ghi789',
      'jkl012',
      'mno345',
      'pqr678',
      'stu901',
      'dXNlcjpwYXNz',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('view=open');
    expect(out).toContain('GET //?');
  });

  it('ignores secrets too short to be tokens (they would blank out ordinary words)', () => {
    expect(redact('the host', ['he', 'the'])).toBe('the host');
    expect(redact('password hunt is hunt', ['hunt'])).toBe('password [redacted] is [redacted]');
  });
});

describe('host log', () => {
  it('redacts errors, their stack and their properties before writing them', () => {
    const lines: string[] = [];
    const log = createHostLog({ out: (line) => lines.push(line), err: (line) => lines.push(line) });
    log.addSecret(TOKEN);
    const error = Object.assign(new TypeError(`Invalid URL //?token=${TOKEN}`), {
      input: `//?token=${TOKEN}`,
      headers: { cookie: `webcare_token_5=${TOKEN}; a=b` },
    });
    log.error('request failed:', error);
    log.info(`plain line mentioning ${TOKEN}`);
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines[0]).toMatch(/^webcare: request failed: TypeError: Invalid URL/);
    expect(lines[0]).toContain('at '); // the stack is kept, minus the secrets
  });
});

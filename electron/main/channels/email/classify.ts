import { clipReason } from '../../../../shared/channels/errors.ts';
import type { ConnectorError } from '../../../../shared/channels/errors.ts';
import { ConnectorFailure } from '../connector.ts';

/**
 * Email failures in the shared classes. IMAP (imapflow): AUTHENTICATIONFAILED and friends →
 * auth-expired; socket/DNS/timeouts → transient, unreachable; LIMIT and throttling → rate-limited;
 * server-side trouble codes (UNAVAILABLE, INUSE) → transient; a missing folder or a refused APPEND → rejected.
 * SMTP (nodemailer): EAUTH / 535 → auth-expired; a 4xx reply → transient (retry with backoff);
 * a 5xx reply → rejected with the server's own words (RFC 5321 §4.2.1).
 */

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'ESOCKET',
  'ECONNECTION',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
  'StateLogout',
]);
const AUTH_RESPONSE_CODES = new Set([
  'AUTHENTICATIONFAILED',
  'AUTHORIZATIONFAILED',
  'EXPIRED',
  'PRIVACYREQUIRED',
  'CONTACTADMIN',
]);
const TRANSIENT_RESPONSE_CODES = new Set(['UNAVAILABLE', 'INUSE', 'SERVERBUG']);

interface MailError {
  code?: string;
  message?: string;
  responseCode?: number;
  response?: unknown;
  responseText?: string;
  serverResponseCode?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  throttleReset?: number;
  mailboxMissing?: boolean;
  command?: string;
  cause?: unknown;
}

const asMailError = (error: unknown): MailError =>
  typeof error === 'object' && error !== null ? (error as MailError) : {};

function reasonOf(e: MailError, fallback: unknown): string {
  const response = typeof e.response === 'string' ? e.response : null;
  return clipReason(e.responseText || response || e.message || fallback);
}

export function classifyEmailError(error: unknown, now: number): ConnectorError {
  if (error instanceof ConnectorFailure) return error.error;
  const e = asMailError(error);
  const code = e.code ?? '';
  const reason = reasonOf(e, error);

  // [LIMIT] (RFC 5530): the server's own limit, e.g. too many connections from this user and IP.
  if (e.serverResponseCode === 'LIMIT')
    return { type: 'rate-limited', retryAt: now, scope: 'account', code: 'LIMIT', reason };
  // A login refused for server trouble ([UNAVAILABLE], [INUSE]) is not a wrong password.
  if (TRANSIENT_RESPONSE_CODES.has(e.serverResponseCode ?? ''))
    return { type: 'transient', retryAt: now, unreachable: false, code: e.serverResponseCode!, reason };
  if (
    e.authenticationFailed ||
    code === 'EAUTH' ||
    AUTH_RESPONSE_CODES.has(e.serverResponseCode ?? '') ||
    e.responseCode === 535
  )
    return {
      type: 'auth-expired',
      code: e.serverResponseCode || (e.responseCode ? String(e.responseCode) : code || 'AUTH'),
      reason,
    };
  if (code === 'ETHROTTLE')
    return {
      type: 'rate-limited',
      retryAt: now + (e.throttleReset ?? 60_000),
      scope: 'account',
      code,
      reason,
    };
  if (typeof e.responseCode === 'number') {
    const smtpCode = String(e.responseCode);
    if (e.responseCode >= 500) return { type: 'rejected', code: smtpCode, reason };
    if (e.responseCode >= 400)
      return { type: 'transient', retryAt: now, unreachable: false, code: smtpCode, reason };
  }
  if (e.tlsFailed) return { type: 'rejected', code: 'TLS', reason };
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT')
    return { type: 'rejected', code: 'NONEXISTENT', reason };
  if (NETWORK_CODES.has(code)) return { type: 'transient', retryAt: now, unreachable: true, code, reason };
  const causeCode = asMailError(e.cause).code;
  if (causeCode && NETWORK_CODES.has(causeCode))
    return { type: 'transient', retryAt: now, unreachable: true, code: causeCode, reason };
  return { type: 'transient', retryAt: now, unreachable: false, code: code || 'UNKNOWN', reason };
}

/**
 * True when the SMTP server answered the transfer with an error reply: then it certainly did
 * not take the message. A dropped connection or a timeout during the transfer leaves it open.
 */
export function smtpRefusedForSure(error: unknown): boolean {
  const e = asMailError(error);
  return (
    typeof e.responseCode === 'number' &&
    e.responseCode >= 400 &&
    (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')
  );
}

/**
 * Personal data in a public reply: e-mail addresses, phone numbers (`libphonenumber-js`, full
 * metadata so that number types are known), IBANs (`ibantools`), order and customer numbers, and a
 * Dutch postcode with a house number. These belong in a private message. Business contact
 * details (service numbers, role addresses such as klantenservice@, numbers and addresses listed
 * in settings) are not personal and pass.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { Finding, TextRange } from './types.ts';

export type PersonalDataKind = 'email' | 'phone' | 'iban' | 'order' | 'address';

export interface PersonalDataHit extends TextRange {
  kind: PersonalDataKind;
  text: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** Mailboxes of a team, not of a person. */
const ROLE_MAILBOX =
  /^(?:info|klantenservice|service|support|help|helpdesk|contact|webcare|care|customercare|customerservice|noreply|no-reply|privacy|klachten|complaints|sales|verkoop|administratie|billing|facturen|hallo|hello|team)$/i;

// Number types that belong to a business, not a person: 0800, 0900, 088 and the like.
const BUSINESS_PHONE_TYPES = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN', 'VOICEMAIL']);

const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;

// An order or customer number needs a word that says so: "order 12345678" yes, "12345678 views" no.
const ORDER =
  /\b(?:order|bestel|bestelling|ordernummer|ordernr|bestelnummer|klantnummer|klantnr|customer number|customer no|account number|accountnummer|contractnummer|dossiernummer|zaaknummer|pakket|zending|tracking|track ?& ?trace|trackingcode|polisnummer|policy number)\w*\s*(?:nummer|number|nr\.?|no\.?|id|code)?\s*[:#]?\s*((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,24})\b/gi;

const POSTCODE = /\b[1-9]\d{3}\s?(?!SA|SD|SS|sa|sd|ss)[A-Za-z]{2}\b/g;
const STREET_NUMBER =
  /\b[\p{Lu}][\p{L}.'-]*(?:straat|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|dreef|steeg|markt|park|baan|ring|allee|wal|zijde|haven|veld|burg|dam|erf|hoven|plantsoen|boulevard|kwartier|lei)\s+\d{1,5}(?:\s?[a-zA-Z]\b|-\d{1,4})?/gu;

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** Finds personal data in a text. `allowed`: the brand's own addresses and numbers. */
export function findPersonalData(
  text: string,
  options: { allowed?: readonly string[]; orderPatterns?: readonly string[] } = {},
): PersonalDataHit[] {
  const allowed = new Set(
    (options.allowed ?? []).map((a) => (a.includes('@') ? a.toLowerCase() : digits(a))),
  );
  const hits: PersonalDataHit[] = [];
  const add = (kind: PersonalDataKind, start: number, end: number) => {
    if (hits.some((h) => start < h.end && end > h.start)) return;
    hits.push({ kind, start, end, text: text.slice(start, end) });
  };

  for (const m of text.matchAll(EMAIL)) {
    const address = m[0].toLowerCase();
    const local = address.slice(0, address.indexOf('@'));
    if (ROLE_MAILBOX.test(local) || allowed.has(address)) continue;
    add('email', m.index, m.index + m[0].length);
  }

  for (const m of text.matchAll(IBAN)) {
    const iban = electronicFormatIBAN(m[0]);
    if (iban && isValidIBAN(iban)) add('iban', m.index, m.index + m[0].length);
  }

  for (const found of findPhoneNumbersInText(text, { defaultCountry: 'NL' })) {
    const raw = text.slice(found.startsAt, found.endsAt).replace(/[\s,.;:]+$/, '');
    // A phone number is written as one: with a leading 0 or +, or grouped. Bare digit runs
    // (order numbers, amounts, dates) are not read as phone numbers.
    if (!/^[+0(]/.test(raw)) continue;
    if (!found.number.isValid()) continue;
    const type = found.number.getType();
    if (type && BUSINESS_PHONE_TYPES.has(type)) continue;
    const national = digits(found.number.nationalNumber);
    if ([...allowed].some((a) => a && (a.endsWith(national) || digits(raw) === a))) continue;
    add('phone', found.startsAt, found.startsAt + raw.length);
  }

  const orderPatterns = [ORDER, ...(options.orderPatterns ?? []).flatMap((p) => safeRegex(p))];
  for (const re of orderPatterns) {
    for (const m of text.matchAll(re)) {
      const value = m[1] ?? m[0];
      const start = m.index + m[0].lastIndexOf(value);
      add('order', start, start + value.length);
    }
  }

  const streets = [...text.matchAll(STREET_NUMBER)];
  for (const m of text.matchAll(POSTCODE)) {
    const start = m.index;
    const end = start + m[0].length;
    // Uppercase letters, or a street with a number near it: "1500 MB" and "2000 GB" are data sizes.
    const street = streets.find((s) => Math.abs(s.index - start) < 80);
    const numberAfter = /^\s*,?\s*(?:nr\.?\s*)?\d{1,5}[a-zA-Z]?\b/.exec(text.slice(end, end + 12));
    const numberBefore = /\b\d{1,5}[a-zA-Z]?\s*,?\s*$/.exec(text.slice(Math.max(0, start - 10), start));
    if (street) {
      const s = Math.min(street.index, start);
      const e = Math.max(street.index + street[0].length, end);
      add('address', s, e);
    } else if (numberAfter && /^[A-Z]{2}$/.test(m[0].replace(/^\d{4}\s?/, ''))) {
      add('address', start, end + numberAfter[0].length);
    } else if (
      numberBefore &&
      /huisnummer|house number|nr/i.test(text.slice(Math.max(0, start - 40), start))
    ) {
      add('address', start - numberBefore[0].length, end);
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function safeRegex(source: string): RegExp[] {
  try {
    return [new RegExp(source, 'gi')];
  } catch {
    // A broken pattern in settings must not break every send; the settings form validates it.
    return [];
  }
}

/** Whether a settings pattern compiles (for the settings form). */
export function isValidPattern(source: string): boolean {
  return safeRegex(source).length === 1;
}

/** The personal-data check: only public replies; private messages are where such data belongs. */
export function checkPersonalData(
  text: string,
  isPublic: boolean,
  options: { allowed?: readonly string[]; orderPatterns?: readonly string[] } = {},
): Finding | null {
  if (!isPublic) return null;
  const hits = findPersonalData(text, options);
  if (hits.length === 0) return null;
  const kinds = [...new Set(hits.map((h) => h.kind))];
  return {
    messageKey: `checks.personalData.${kinds[0]!}`,
    params: { kinds: kinds.join(','), count: hits.length, text: hits[0]!.text },
    ranges: hits.map(({ start, end }) => ({ start, end })),
  };
}

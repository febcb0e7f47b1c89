/**
 * Splits a plain-text email into what the sender wrote, their signature and the quoted history
 * below it, so the thread view can collapse the last two. Conservative: only well-known markers
 * (RFC 3676 "-- " signature separator, `>` quotes, "On … wrote:" / "Op … schreef …:" attribution
 * lines, Outlook's "-----Original Message-----" and "Van:/Verzonden:" header blocks, mobile
 * sign-offs). When nothing matches, everything is body.
 */
export interface EmailParts {
  body: string;
  signature: string | null;
  quoted: string | null;
}

const ATTRIBUTION = [
  /^On .{3,200}(wrote|schreef):\s*$/i,
  /^Op .{3,200}(schreef|wrote)( .{1,100})?:\s*$/i,
  /^Am .{3,200} schrieb .{1,100}:\s*$/i,
  /^Le .{3,200} a écrit\s*:\s*$/i,
];
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(Original Message|Oorspronkelijk bericht|Oorspronkelijk Bericht|Origineel bericht|Forwarded message|Doorgestuurd bericht)\s*-{2,}\s*$/i;
const OUTLOOK_HEADER = /^(From|Van|Von):\s.+/i;
const OUTLOOK_FOLLOW = /^(Sent|Verzonden|Gesendet|Date|Datum|To|Aan|An|Subject|Onderwerp|Betreff):\s/i;
const MOBILE =
  /^(Sent from my \w+|Verzonden vanaf mijn \w+|Verstuurd vanaf mijn \w+|Von meinem \w+ gesendet)\b.*$/i;

function isQuoteStart(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (ATTRIBUTION.some((re) => re.test(line))) return true;
  if (ORIGINAL_MESSAGE.test(line)) return true;
  // "Van: …" followed within two lines by "Verzonden:"/"Aan:"/"Onderwerp:" (Outlook reply header).
  if (OUTLOOK_HEADER.test(line)) return lines.slice(i + 1, i + 3).some((l) => OUTLOOK_FOLLOW.test(l.trim()));
  // A block of `>` lines running to the end (allowing blank lines) is history, not inline replies.
  if (line.startsWith('>')) return lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'));
  return false;
}

const trimBlock = (lines: string[]): string | null => {
  const text = lines
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  return text.trim() === '' ? null : text;
};

export function splitEmailText(text: string): EmailParts {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let quoteAt = lines.length;
  for (let i = 0; i < lines.length; i += 1) {
    if (isQuoteStart(lines, i)) {
      quoteAt = i;
      break;
    }
  }
  const before = lines.slice(0, quoteAt);
  let signatureAt = before.length;
  for (let i = before.length - 1; i >= 0; i -= 1) {
    const line = before[i]!;
    if (line === '-- ' || line === '--') {
      signatureAt = i;
      break;
    }
  }
  if (signatureAt === before.length) {
    const mobile = before.findIndex((l) => MOBILE.test(l.trim()));
    if (mobile >= 0 && before.slice(mobile + 1).every((l) => l.trim() === '')) signatureAt = mobile;
  }
  const body = trimBlock(before.slice(0, signatureAt)) ?? '';
  const signatureLines = before.slice(signatureAt);
  if (signatureLines[0] === '-- ' || signatureLines[0] === '--') signatureLines.shift();
  return { body, signature: trimBlock(signatureLines), quoted: trimBlock(lines.slice(quoteAt)) };
}

import type { Label } from '../domain/types.ts';

/** The colour a label created from the label dialog starts with (neutral grey). */
export const NEW_LABEL_COLOR = '#6b7280';

/**
 * The id of a label an agent creates by name: the name in lower case with every run of
 * characters other than letters and digits (any script) turned into one `-`, trimmed of dashes
 * ("Te laat / Vertraging" → "te-laat-vertraging"). A name with no letters or digits at all
 * ("!!!") gets `label-<now>`, so it still has an id.
 */
export function labelIdFromName(name: string, now: number): string {
  const slug = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return slug || `label-${now}`;
}

/** A new label as the label dialog creates it from a typed name. */
export function newLabel(name: string, now: number): Label {
  return { id: labelIdFromName(name, now), name, color: NEW_LABEL_COLOR };
}

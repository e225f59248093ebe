// Search keys for place names: lower case, diacritics dropped (å ä → a, ö → o, é → e, ü → u …),
// punctuation ignored ("S:t Larsgatan" → "st larsgatan"), words separated by single spaces.
// "asg", "Åsg" and "ÅSG" all fold to "asg", a prefix of fold("Åsgatan").

/** Letters NFD does not split into a base letter and a mark. */
const SPECIAL: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th' };

const MARKS = /[\u0300-\u036f]/g;
/** Separators between words: white space, hyphens, slashes, commas and the like. */
const SEPARATORS = /[\s\-‐‑‒–—/\\,;()[\]{}&+|]+/gu;
/** Anything else that is not a letter or digit is dropped (":" "." "'" "´" …). */
const OTHER = /[^\p{L}\p{N} ]+/gu;

const cache = new Map<string, string>();

/** The search key of a name or query. */
export function foldName(text: string): string {
  if (text.length <= 24) {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
  }
  const folded = text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[øæœßđłþ]/g, (ch) => SPECIAL[ch] ?? ch)
    .replace(SEPARATORS, ' ')
    .replace(OTHER, '')
    .trim()
    .replace(/ {2,}/g, ' ');
  if (text.length <= 24 && cache.size < 50_000) cache.set(text, folded);
  return folded;
}

/** The offsets at which the words of a folded name start. */
export function wordStarts(folded: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < folded.length; i++) if (i === 0 || folded.charCodeAt(i - 1) === 32) out.push(i);
  return out;
}

/** A house number split for ordering: "12B" → [12, "b"]; no leading digits → [Infinity, text]. */
export function houseNumberOrder(housenumber: string | null | undefined): [number, string] {
  const m = /^\s*(\d+)\s*(.*)$/.exec(housenumber ?? '');
  return m ? [Number(m[1]), foldName(m[2]!)] : [Number.POSITIVE_INFINITY, foldName(housenumber ?? '')];
}

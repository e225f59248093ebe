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

/** Lower-case letters with diacritics the fast path folds itself (the rest go through NFD). */
const FAST: Record<string, string> = {};
for (const [to, from] of [['a', 'åäàáâãā'], ['o', 'öòóôõøō'], ['e', 'éèêëē'], ['u', 'üúùûū'], ['i', 'íìîïī'], ['y', 'ýÿ'], ['c', 'ç'], ['n', 'ñ'], ['ae', 'æ'], ['ss', 'ß']] as const) {
  for (const ch of from) FAST[ch] = to;
}
/** ASCII separators (→ one space) and ASCII punctuation (dropped); see SEPARATORS and OTHER. */
const ASCII_SEPARATOR = new Set([...' \t\n\r-/\\,;()[]{}&+|'].map((c) => c.charCodeAt(0)));

/** One pass over the text when every character is ASCII or a letter in FAST; null otherwise. */
function foldFast(text: string): string | null {
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (space && out) out += ' ';
      space = false;
      out += String.fromCharCode(c);
    } else if (c < 128) {
      if (ASCII_SEPARATOR.has(c)) space = true;
    } else {
      const mapped = FAST[text[i]!.toLowerCase()];
      if (mapped === undefined) return null;
      if (space && out) out += ' ';
      space = false;
      out += mapped;
    }
  }
  return out;
}

function foldSlow(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[øæœßđłþ]/g, (ch) => SPECIAL[ch] ?? ch)
    .replace(SEPARATORS, ' ')
    .replace(OTHER, '')
    .trim()
    .replace(/ {2,}/g, ' ');
}

/** The search key of a name or query. */
export function foldName(text: string): string {
  const short = text.length <= 32;
  if (short) {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
  }
  const folded = foldFast(text) ?? foldSlow(text);
  if (short && cache.size < 100_000) cache.set(text, folded);
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

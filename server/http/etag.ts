// Validators for anything the app serves from bytes it holds (built client files, and whatever
// else wants them: style, glyphs, tiles): a strong ETag from the content, and the
// If-None-Match check that answers 304 Not Modified (RFC 9110 §13.1.2, weak comparison).
import { createHash } from 'node:crypto';

/** A strong ETag naming these bytes; `suffix` tells encodings of the same file apart ("…-br"). */
export function etagOf(bytes: Uint8Array | string, suffix = ''): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}${suffix}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** The suffix that tells a compressed copy's ETag from the identity bytes' own. */
export const ENCODING_SUFFIX = { br: '-br', gzip: '-gz' } as const;
export type ContentCoding = keyof typeof ENCODING_SUFFIX;

/** The ETag of one encoding of bytes whose tag (unquoted) is `tag`: "tag", "tag-br" or "tag-gz". */
export function encodedEtag(tag: string, encoding: ContentCoding | null): string {
  return `"${tag}${encoding ? ENCODING_SUFFIX[encoding] : ''}"`;
}

/** True when the request's If-None-Match names this ETag (or is `*`): answer 304. */
export function isNotModified(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const want = opaque(etag);
  return ifNoneMatch.split(',').some((t) => opaque(t) === want);
}

/**
 * True when If-None-Match names the bytes tagged `tag` (unquoted) in any encoding: the encodings
 * decode to the same bytes (Vary: Accept-Encoding keeps shared caches apart).
 */
export function isNotModifiedInAnyEncoding(ifNoneMatch: string | undefined | null, tag: string): boolean {
  return ([null, 'gzip', 'br'] as const).some((enc) => isNotModified(ifNoneMatch, encodedEtag(tag, enc)));
}

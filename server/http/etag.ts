// Validators for anything the app serves from bytes it holds (built client files, and whatever
// else wants them: style, glyphs, tiles): a strong ETag from the content, and the
// If-None-Match check that answers 304 Not Modified (RFC 9110 §13.1.2, weak comparison).
import { createHash } from 'node:crypto';

/** A strong ETag naming these bytes; `suffix` tells encodings of the same file apart ("…-br"). */
export function etagOf(bytes: Uint8Array | string, suffix = ''): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}${suffix}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** True when the request's If-None-Match names this ETag (or is `*`): answer 304. */
export function isNotModified(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const want = opaque(etag);
  return ifNoneMatch.split(',').some((t) => opaque(t) === want);
}

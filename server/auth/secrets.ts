// Random bearer secrets (session cookies, API tokens) and the SHA-256 that is all we store.
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url, with a prefix that tells what it is (e.g. 'tks_' session, 'tkt_' token). */
export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export const SESSION_PREFIX = 'tks_';
export const TOKEN_PREFIX = 'tkt_';

/** Whether a string has the shape of one of our secrets (cheap check before a lookup). */
export function looksLikeSecret(value: string, prefix: string): boolean {
  return value.length === prefix.length + 43 && value.startsWith(prefix) && /^[A-Za-z0-9_-]+$/.test(value.slice(prefix.length));
}

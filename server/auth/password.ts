// Password hashing with scrypt (node:crypto), a memory-hard function (Percival 2009). The
// cost is stored in the hash so it can be raised later; verify reports when a rehash is due.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { HttpProblem } from '../http/problem.ts';
import type { ProblemCode } from '../http/problem-codes.ts';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. 2^15 with r = 8 uses 32 MiB and about 120 ms on one core. */
  N: number;
  r: number;
  p: number;
}

/** The production cost: one hash is ≥ 50 ms of work on the reference 2-core machine (measured ~120 ms). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const opts: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** 'scrypt$N$r$p$salt$hash' with base64url salt and hash. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !key) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((x) => Number.isInteger(x) && x > 0)) return null;
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** Whether the password matches, in constant time; `needsRehash` when the stored cost is below `cost`. */
export async function verifyPassword(password: string, stored: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<{ ok: boolean; needsRehash: boolean }> {
  const parsed = parse(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  const key = await derive(password, parsed.salt, parsed.cost);
  const ok = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  return { ok, needsRehash: ok && (parsed.cost.N < cost.N || parsed.cost.r < cost.r) };
}

/** A hash of a random password, verified against when an e-mail has no account (same time either way). */
export async function makeDummyHash(cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  return hashPassword(randomBytes(12).toString('base64url'), cost);
}

/** A readable random password: 4 groups of 5 letters/digits (~103 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'; // no look-alikes
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  return passwordRuleBroken(password, email)?.detail ?? null;
}

/** The password rule a password breaks, as a problem code with its detail and params, or null. */
export function passwordRuleBroken(password: string, email?: string): { code: ProblemCode; detail: string; params?: Record<string, unknown> } | null {
  if (password.length < PASSWORD_MIN_LENGTH) return { code: 'password-too-short', detail: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`, params: { minLength: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH) return { code: 'password-too-long', detail: `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`, params: { maxLength: PASSWORD_MAX_LENGTH } };
  const name = email?.toLowerCase().split('@')[0] ?? '';
  if (name.length >= 4 && password.toLowerCase().includes(name)) return { code: 'password-contains-name', detail: 'The password must not contain the e-mail name.' };
  if (/^(.)\1*$/.test(password)) return { code: 'password-repeated', detail: 'The password must not be one repeated character.' };
  return null;
}

/** 422 for a password that breaks a rule, on the field `path`. */
export function weakPassword(path: string, rule: NonNullable<ReturnType<typeof passwordRuleBroken>>): HttpProblem {
  return new HttpProblem(422, rule.detail, {
    code: rule.code,
    errors: [{ path, message: rule.detail, code: rule.code, ...(rule.params ? { params: rule.params } : {}) }],
    ...(rule.params ? { extensions: rule.params } : {}),
  });
}

// A rule of the domain was broken by otherwise well-formed input (mapped to 422 at the edge).
import type { ProblemCode } from '../http/problem-codes.ts';

export class DomainError extends Error {
  constructor(
    /** The problem code the answer carries (server/http/problem-codes.ts). */
    readonly code: ProblemCode,
    detail: string,
    readonly path?: string,
    /** The code's structured members (e.g. { lat, lon }), sent beside `detail`. */
    readonly params?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

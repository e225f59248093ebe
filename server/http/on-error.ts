// Maps anything thrown in a handler to RFC 9457 problem+json: HttpProblem as is, Hono's
// HTTPException, domain rule violations (422), known Postgres codes, and an unreachable
// database (503). A 500 says only that something went wrong, with the request id.
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { HttpProblem } from './problem.ts';
import { DomainError } from '../domain/domain-error.ts';

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'EPIPE', 'ETIMEDOUT', '57P01', '57P03']);

/** Whether an error means the database could not be reached (connection refused, reset, closed, shutting down). */
export function isDatabaseDown(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DB_DOWN_CODES.has(code);
}

/** 503 while the database cannot be reached: nothing was stored, retry after `retryAfterS`. */
export function databaseUnavailable(retryAfterS: number): HttpProblem {
  return new HttpProblem(503, 'The database is unreachable right now. Nothing was stored; try again shortly.', {
    code: 'database-unavailable',
    headers: { 'Retry-After': String(retryAfterS) },
    extensions: { retryAfterS },
  });
}

export function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof DomainError) {
    return new HttpProblem(422, err.message, {
      code: err.code,
      ...(err.path ? { errors: [{ path: err.path, message: err.message, code: err.code, ...(err.params ? { params: err.params } : {}) }] } : {}),
      ...(err.params ? { extensions: err.params } : {}),
    });
  }
  if (err instanceof HTTPException) {
    const isJson = err.status === 400 && /JSON/i.test(err.message);
    const detail = isJson ? `The request body is not valid JSON (${err.message}).` : err.message || 'The request could not be handled.';
    return new HttpProblem(err.status, detail, isJson ? { code: 'invalid-json' } : {});
  }
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (DB_DOWN_CODES.has(code)) {
      return databaseUnavailable(5);
    }
    if (code === '23505') return new HttpProblem(409, 'That record already exists.', { code: 'already-exists' });
    if (code === '23503') return new HttpProblem(422, 'The request names a record that does not exist.', { code: 'unknown-reference' });
    if (code === '22P02' || code === '22007' || code === '22008') return new HttpProblem(400, 'A value in the request has the wrong format.', { code: 'wrong-format' });
  }
  return new HttpProblem(500, 'Something went wrong on the server. The error has been logged.');
}

export function problemResponse(c: Context, problem: HttpProblem): Response {
  const requestId = c.get('requestId' as never) as string | undefined;
  const body = problem.toBody(c.req.path);
  if (requestId) body.requestId = requestId;
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', ...problem.extra.headers },
  });
}

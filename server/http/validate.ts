// The one validator: zValidator that throws a problem with the zod issues listed, and carries
// its schema so the OpenAPI document is generated from the same zod objects.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { HttpProblem } from './problem.ts';
import type { FieldError, ProblemCode } from './problem-codes.ts';

export const OPENAPI_META = Symbol.for('trygghetskartan.openapi');

export interface ValidatorMeta {
  kind: 'validator';
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

export interface DescribeMeta {
  kind: 'describe';
  summary: string;
  description?: string;
  tags?: string[];
  /** Status → description and optional zod schema of the body. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Extra request headers documented (e.g. Idempotency-Key). */
  headers?: { name: string; description: string }[];
  /** Raw request body media types accepted besides JSON (for non-JSON uploads). */
  requestBody?: { contentType: string; description: string };
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** A zod issue as a field error with a stable code and the structured members its text needs. */
export function fieldError(issue: z.core.$ZodIssue, input: unknown): FieldError {
  const base = { path: issuePath(issue.path), message: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? { ...base, code: 'required' } : { ...base, code: 'invalid-type', params: { expected: issue.expected } };
    case 'too_small':
      return { ...base, code: 'too-small', params: { minimum: Number(issue.minimum), origin: issue.origin } };
    case 'too_big':
      return { ...base, code: 'too-big', params: { maximum: Number(issue.maximum), origin: issue.origin } };
    case 'invalid_format':
      return { ...base, code: 'invalid-format', params: { format: issue.format } };
    case 'invalid_value':
      return { ...base, code: 'invalid-value', params: { values: issue.values.map(String) } };
    case 'unrecognized_keys':
      return { ...base, code: 'unknown-keys', params: { keys: issue.keys } };
    case 'not_multiple_of':
      return { ...base, code: 'not-multiple-of', params: { divisor: Number(issue.divisor) } };
    default:
      return { ...base, code: 'invalid' };
  }
}

/**
 * zValidator parses with safeParseAsync, which leaves zod's compiled fast path; no schema here
 * refines asynchronously, so the synchronous parse gives the same answer for less CPU.
 */
// (The library types the result for zod 3 and 4 at once; the cast only meets that type.)
const sync = <T extends z.ZodType>() => ({ validationFunction: (schema: T, value: unknown) => schema.safeParse(value) as never });

/**
 * Validates one part of the request; a failure is 422 for bodies and 400 for query, params and
 * headers, with code 'validation' unless the route names a code of its own.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T, opts: { code?: ProblemCode } = {}) {
  const mw = zValidator(target, schema, (result) => {
    if (!result.success) {
      const errors = result.error.issues.map((i) => fieldError(i, result.data));
      const status = target === 'json' || target === 'form' ? 422 : 400;
      const where = target === 'json' ? 'request body' : target === 'query' ? 'query string' : target;
      const detail = `The ${where} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`;
      throw new HttpProblem(status, detail, { code: opts.code ?? 'validation', errors });
    }
  }, sync<T>());
  const meta: ValidatorMeta = { kind: 'validator', target, schema };
  return Object.assign(mw, { [OPENAPI_META]: meta });
}

/** Documents a route for the OpenAPI document; passes the request through untouched. */
export function describe(meta: Omit<DescribeMeta, 'kind'>) {
  const mw = async (_c: unknown, next: () => Promise<void>) => {
    await next();
  };
  return Object.assign(mw, { [OPENAPI_META]: { kind: 'describe', ...meta } satisfies DescribeMeta });
}

// The client's one error type: any non-2xx answer (RFC 9457 problem+json) or a failed request.

export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemFieldError[];
}

export class ProblemError extends Error {
  readonly type: string;
  readonly title: string;
  /** HTTP status; 0 when the request never got an answer (network down, aborted). */
  readonly status: number;
  readonly detail: string;
  readonly errors: ProblemFieldError[];

  constructor(body: ProblemBody) {
    super(body.detail);
    this.name = 'ProblemError';
    this.type = body.type;
    this.title = body.title;
    this.status = body.status;
    this.detail = body.detail;
    this.errors = body.errors ?? [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Builds a ProblemError from a parsed body, falling back to the status line when the body is not problem+json. */
export function problemFromBody(status: number, statusText: string, body: unknown): ProblemError {
  const b = isRecord(body) ? body : {};
  const errors = Array.isArray(b.errors)
    ? b.errors.filter(isRecord).map((e) => ({ path: String(e.path ?? ''), message: String(e.message ?? '') }))
    : undefined;
  return new ProblemError({
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title: typeof b.title === 'string' ? b.title : statusText || `HTTP ${status}`,
    status: typeof b.status === 'number' ? b.status : status,
    detail: typeof b.detail === 'string' ? b.detail : `${status} ${statusText}`.trim(),
    ...(errors ? { errors } : {}),
  });
}

/** Reads a Response: the JSON body when 2xx, otherwise throws a ProblemError. */
export async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw problemFromBody(res.status, res.statusText, body);
  if (body === null) throw problemFromBody(res.status, 'Invalid response', { detail: 'The server answered with something that is not JSON.' });
  return body as T;
}

/** Wraps a failed fetch (no answer at all) as a ProblemError with status 0; passes ProblemErrors and aborts through. */
export function toProblemError(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new ProblemError({ type: 'about:blank', title: 'Network error', status: 0, detail });
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

// The client's one error type: any non-2xx answer (RFC 9457 problem+json) or a failed request.
// The UI shows it in words through client/i18n/problem-message.ts (by `code`, never `detail`).

export interface ProblemFieldError {
  path: string;
  /** The server's English message (for logs; the UI words it from `code`). */
  message: string;
  /** A field code (`too-small`, `required`…) or a problem code (`outside-area`…). */
  code?: string;
  params?: Record<string, unknown>;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  /** The stable problem code (server/http/problem-codes.ts); 'network' when no answer came. */
  code?: string;
  detail: string;
  errors?: ProblemFieldError[];
  /** The code's structured members (e.g. lat, lon, retryAfterS). */
  params?: Record<string, unknown>;
}

/** Members of a problem body that are not the code's params. */
const STANDARD = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'errors', 'requestId']);

export class ProblemError extends Error {
  readonly type: string;
  readonly title: string;
  /** HTTP status; 0 when the request never got an answer (network down, aborted). */
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly errors: ProblemFieldError[];

  constructor(body: ProblemBody) {
    super(body.detail);
    this.name = 'ProblemError';
    this.type = body.type;
    this.title = body.title;
    this.status = body.status;
    this.detail = body.detail;
    this.code = body.code ?? (body.status === 0 ? 'network' : 'unknown');
    this.params = body.params ?? {};
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
    ? b.errors.filter(isRecord).map((e) => ({
        path: String(e.path ?? ''),
        message: String(e.message ?? ''),
        ...(typeof e.code === 'string' ? { code: e.code } : {}),
        ...(isRecord(e.params) ? { params: e.params } : {}),
      }))
    : undefined;
  const params = Object.fromEntries(Object.entries(b).filter(([k]) => !STANDARD.has(k)));
  return new ProblemError({
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title: typeof b.title === 'string' ? b.title : statusText || `HTTP ${status}`,
    status: typeof b.status === 'number' ? b.status : status,
    ...(typeof b.code === 'string' ? { code: b.code } : {}),
    detail: typeof b.detail === 'string' ? b.detail : `${status} ${statusText}`.trim(),
    ...(errors ? { errors } : {}),
    params,
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

/** A problem the client found itself, with its text already in the user's language (code 'local'). */
export function localProblem(text: string): ProblemError {
  return new ProblemError({ type: 'about:blank', title: text, status: 422, code: 'local', detail: text, params: { text } });
}

/** Wraps a failed fetch (no answer at all) as a ProblemError with status 0; passes ProblemErrors and aborts through. */
export function toProblemError(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new ProblemError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network', detail });
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

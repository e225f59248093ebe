// The one error type. Anything thrown as HttpProblem leaves the API as RFC 9457 problem+json
// with a stable `code` from the registry (problem-codes.ts) for the client to put into words.
import { codeForStatus, type FieldError, type ProblemCode } from './problem-codes.ts';

export interface ProblemExtra {
  /** The stable code (problem-codes.ts); when absent, the status's generic code. */
  code?: ProblemCode;
  title?: string;
  /** A URI naming the problem type; defaults to about:blank. */
  type?: string;
  /** Field-level errors: [{ path, message, code?, params? }] for validation failures. */
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Extension members added to the body as-is (the code's params, e.g. { lat, lon }). */
  extensions?: Record<string, unknown>;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class HttpProblem extends Error {
  readonly status: number;
  readonly extra: ProblemExtra;
  readonly code: ProblemCode;

  constructor(status: number, detail: string, extra: ProblemExtra = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.extra = extra;
    this.code = extra.code ?? codeForStatus(status);
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: this.extra.type ?? 'about:blank',
      title: this.extra.title ?? TITLES[this.status] ?? 'Error',
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      ...this.extra.extensions,
    };
  }
}

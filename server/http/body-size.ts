// Body-size limits: a larger body is refused with 413 problem+json before it is read whole.
// A declared Content-Length is checked from the header alone, without touching the request's
// body stream: on @hono/node-server, reading `c.req.raw.body` (as hono's bodyLimit does first)
// builds a full web Request with a stream and an AbortSignal, which costs more than the rest of a
// small write. A chunked body (no Content-Length) is counted as it streams, by hono's bodyLimit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblem } from './problem.ts';

/** Refuses bodies over `bytes`; `what` ends the 413 detail (e.g. "a report is a few hundred bytes"). */
export function maxBody(bytes: number, what: string): MiddlewareHandler {
  const size = bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
  const tooLarge = () => {
    throw new HttpProblem(413, `The request body is larger than ${size}; ${what}.`, { code: 'body-too-large', extensions: { limitBytes: bytes } });
  };
  const streamed = bodyLimit({ maxSize: bytes, onError: tooLarge });
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && /^\d+$/.test(length)) {
      return Number(length) > bytes ? tooLarge() : next();
    }
    return streamed(c, next);
  };
}

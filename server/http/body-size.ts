// Per-route body-size limit: a larger body is refused with 413 problem+json before it is read whole.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblem } from './problem.ts';

export function maxBody(bytes: number, what: string): MiddlewareHandler {
  const size = bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
  return bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new HttpProblem(413, `The request body is larger than ${size}; ${what}.`);
    },
  });
}

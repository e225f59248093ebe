// Non-2xx answers become ProblemErrors carrying the server's detail; non-problem bodies still say what happened.
import { describe, expect, it } from 'vitest';
import { ProblemError, readJson, toProblemError } from '../../client/api/problem-error.ts';
import { pinQueryToParams } from '../../client/api/client.ts';

describe('ProblemError', () => {
  it('reads a problem+json body into a ProblemError', async () => {
    const body = { type: 'about:blank', title: 'Unprocessable Content', status: 422, detail: 'Outside every district', errors: [{ path: 'lat', message: 'bad' }] };
    const res = new Response(JSON.stringify(body), { status: 422, headers: { 'content-type': 'application/problem+json' } });
    const err = await readJson(res).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect(err).toMatchObject({ status: 422, detail: 'Outside every district', errors: [{ path: 'lat', message: 'bad' }] });
  });

  it('falls back to the status line when the body is not problem+json', async () => {
    const err = await readJson(new Response('<html>oops</html>', { status: 502, statusText: 'Bad Gateway' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, title: 'Bad Gateway', detail: '502 Bad Gateway' });
  });

  it('returns the body of a 2xx answer', async () => {
    expect(await readJson(new Response('{"a":1}', { status: 200 }))).toEqual({ a: 1 });
  });

  it('wraps a failed request as status 0', () => {
    expect(toProblemError(new TypeError('Failed to fetch'))).toMatchObject({ status: 0, detail: 'Failed to fetch' });
  });

  it('leaves empty filter lists out of the pin query', () => {
    expect(pinQueryToParams({ from: '2026-01-01', to: '2026-01-31', districts: [], categories: ['brand', 'klotter'] })).toEqual({
      from: '2026-01-01', to: '2026-01-31', categories: 'brand,klotter',
    });
  });
});

// Property-based fuzzing: thousands of random and hostile bodies, query strings, path values and
// headers at every registered route, as anonymous, chief and admin callers. No answer may be a
// 5xx, every error must be problem+json, and the process must not crash. Seeded: runs repeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp, TEST_ORIGIN, type SignedIn } from '../helpers/test-app.ts';
import { declaredRoutes, samplePath, type DeclaredRoute } from './auth-helpers.ts';

/** Runs per database; each run is one request. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = 20261120;

const QUERY_KEYS = ['res', 'from', 'to', 'days', 'hours', 'categories', 'category', 'districts', 'district', 'sources', 'source', 'status', 'bbox', 'limit', 'cursor', 'k', 'weeks', 'cell', 'team', 'date', 'halfLifeDays', 'severity', 'holidays', 'before', 'action', 'actor', 'target', 'intervalS', 'service_code', 'start_date', 'end_date', 'api_key'];
const HOSTILE = ['', ' ', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '-0', '9'.repeat(400), ',,,', '[]', '{}', '{"a":1}', '\u0000', '%00', '../../etc/passwd', "' or 1=1 --", '"; drop table reports; --', '<script>alert(1)</script>', '𝕳😀', 'ö'.repeat(3000), '2026-02-30', '2026-13-01', '24-25', '22-2', 'fri,sat', '8a1f05a4a1fffff', 'ffffffffffffffff', '58.4,15.5,58.3,15.6', 'true', 'x'.repeat(70_000)];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer().map(String), fc.double().map(String));

const pollution = fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"__proto__":null}');
const deep = fc.integer({ min: 100, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const bigArray = fc.integer({ min: 1000, max: 20_000 }).map((n) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ lat: 58.4 + i * 1e-6, lon: 15.57, t: i }))));
const reportish = fc.record(
  { category: fc.oneof(fc.constantFrom('brand', 'klotter', 'ovrigt'), hostileString), lat: fc.oneof(fc.double(), fc.constant(58.41), hostileString), lon: fc.oneof(fc.double(), fc.constant(15.57), hostileString), observedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostileString), description: hostileString, source: hostileString, email: hostileString, password: hostileString, name: hostileString, scopes: fc.array(hostileString, { maxLength: 4 }), role: fc.constantFrom('admin', 'field', 'root', ''), points: fc.array(fc.record({ lat: fc.double(), lon: fc.double(), t: hostileString }), { maxLength: 5 }) },
  { requiredKeys: [] },
).map((o) => JSON.stringify(o));
const body = fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), reportish, reportish, hostileString, pollution, deep, bigArray, fc.constantFrom('{', '{"a":', '\uFEFF{}', 'null', '<?xml version="1.0"?><gpx></gpx>', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><gpx>&e;</gpx>'));
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/gpx+xml', 'application/geo+json', 'image/jpeg', '', 'application/json\r\nX-Evil: 1'.replace(/\r\n/g, ' '));
const headerValue = fc.oneof(hostileString.map((s) => s.replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, '')), fc.constantFrom('tk_session=tks_' + 'a'.repeat(43), 'tk_session=; tk_session=x', 'Bearer ', 'Bearer tkt_' + 'A'.repeat(43), 'Basic Og==', 'https://evil.example', 'null', '1.2.3.4, 5.6.7.8'));
const headers = fc.dictionary(fc.constantFrom('Cookie', 'Authorization', 'Idempotency-Key', 'Origin', 'Referer', 'X-Forwarded-For', 'X-Forwarded-Proto', 'Accept', 'Accept-Encoding', 'Sec-Fetch-Site', 'If-None-Match', 'Range', 'X-Test-User'), headerValue, { maxKeys: 4 });

describe.each(databaseTargets())('fuzzing every route on %s', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let routes: DeclaredRoute[];
  const callers: (SignedIn | null)[] = [null];

  beforeAll(async () => {
    // Cheap password hashes and no rate limits, so random requests reach deep into the handlers.
    t = await makeTestApp(target, { security: { scrypt: { N: 1024, r: 8, p: 1 }, rateLimits: false } });
    callers.push(await t.signIn('chief'), await t.signIn('admin'), await t.signIn('teamleader', { team: 'ryd' }));
    const only = process.env.FUZZ_ROUTES ? new RegExp(process.env.FUZZ_ROUTES) : null; // e.g. FUZZ_ROUTES=^/api/admin to focus
    routes = declaredRoutes(t.bare)
      .filter((r) => !['/api/auth/logout-all', '/api/auth/password'].includes(r.path)) // they would end the fuzzer's sessions
      .filter((r) => !only || only.test(r.path));
  }, 120_000);
  afterAll(() => t.close());

  it(`answers ${RUNS} hostile requests without a 5xx`, async () => {
    const failures: string[] = [];
    const property = fc.asyncProperty(
      fc.nat(),
      fc.nat(),
      fc.boolean(),
      fc.oneof(fc.constant(null), hostileString),
      fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), hostileString, { maxKeys: 5 }),
      body,
      contentType,
      headers,
      async (routeN, callerN, withBody, paramValue, query, bodyText, type, extra) => {
        const route = routes[routeN % routes.length]!;
        const caller = callers[callerN % callers.length]!;
        let path = samplePath(route.path);
        if (paramValue !== null && route.path.includes(':')) path = route.path.replace(/:\w+(\{(?:[^{}]|\{[^{}]*\})*\})?/, encodeURIComponent(paramValue).slice(0, 300) || 'x');
        const qs = new URLSearchParams(query).toString();
        const url = path.replace(/\*.*$/, 'anything') + (qs ? `?${qs}` : '');
        const h = new Headers({ Origin: TEST_ORIGIN, ...(caller?.headers ?? {}) });
        for (const [k, v] of Object.entries(extra)) {
          try {
            h.set(k, v);
          } catch {
            /* a value fetch refuses to send */
          }
        }
        if (type) h.set('Content-Type', type);
        const hasBody = withBody && route.method !== 'GET' && route.method !== 'HEAD';
        const res = await t.bare.request(url, { method: route.method, headers: h, ...(hasBody ? { body: bodyText } : {}) });
        const ct = res.headers.get('Content-Type') ?? '';
        await res.body?.cancel();
        if (res.status >= 500 || (res.status >= 400 && url.startsWith('/api/') && !ct.includes('application/problem+json'))) {
          failures.push(`${res.status} ${route.method} ${url.slice(0, 200)} (${ct}) body=${hasBody ? bodyText.slice(0, 120) : '-'}`);
        }
      },
    );
    await fc.assert(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
    expect(failures).toEqual([]);
  });
});

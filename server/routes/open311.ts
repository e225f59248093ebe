// /open311/v2: Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) in JSON and XML.
// Services are the report categories; requests are the reports the public map may show
// (server/domain/disclosure.ts), masked (H3 cell centre, hour-rounded, text only once moderated). Errors use the spec's body
// ([{code, description}] / <errors>), not problem+json. Anonymous POST is allowed (rate-limited
// per address); partners send their API token as api_key (or Authorization: Bearer).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { guard, currentUser } from '../http/guard.ts';
import { toProblem } from '../http/on-error.ts';
import { clientIp, makeLimiter, rateLimited } from '../http/rate-limit.ts';
import { resolveApiToken } from '../auth/api-tokens.ts';
import { prepareReport } from '../domain/report.ts';
import { open311ServiceDefinition, open311Services } from '../domain/open311-services.ts';
import { OPEN311_DEFAULT_DAYS, OPEN311_MAX_REQUESTS, statusesFor, toOpen311Request } from '../domain/open311-requests.ts';
import { toXmlDocument, toXmlObjectDocument, xmlList, type XmlObject, type XmlValue } from '../domain/open311-xml.ts';
import { insertResidentReport } from '../db/queries/public-reports.ts';
import { findReportIdByTokenHash, listOpen311Requests, setSubmittedBy } from '../db/queries/open311.ts';
import { loadDisclosurePolicy } from '../db/queries/disclosure.ts';
import { MIN_REPORTS_PER_CELL } from '../domain/disclosure.ts';
import { CONSENT_TEXT_SV } from '../schemas/public-reports.ts';
import { Open311Errors, Open311PostForm, Open311PostResponse, Open311Request, Open311RequestsQuery, Open311Service, Open311ServiceDefinition, Open311TokenResponse } from '../schemas/open311.ts';
import { hashToken, newTrackingToken } from './public-reports.ts';

type Format = 'json' | 'xml';
const FORMATS = ['json', 'xml'] as const;
/** Form posts are a few hundred bytes; photos are not accepted here (media_url is not fetched). */
export const OPEN311_BODY_LIMIT_BYTES = 64 * 1024;
export const OPEN311_POSTS_PER_WINDOW = 10;
export const OPEN311_POST_WINDOW_MS = 15 * 60_000;

const formatOf = (c: Context): Format => (c.req.path.endsWith('.xml') ? 'xml' : 'json');

function reply(c: Context, format: Format, status: 200 | 201, body: { json: unknown; xml: string }) {
  if (format === 'json') return c.json(body.json as object, status);
  return c.body(body.xml, status, { 'Content-Type': 'text/xml; charset=utf-8' });
}

/** The spec's error body in the request's format. */
export function open311Error(c: Context, status: number, description: string, headers: Record<string, string> = {}) {
  const items = [{ code: status, description }];
  const res =
    formatOf(c) === 'json'
      ? c.json(items, status as 400)
      : c.body(toXmlDocument('errors', 'error', items), status as 400, { 'Content-Type': 'text/xml; charset=utf-8' });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

/** Problem statuses as the spec names them: bad input is 400, a bad api_key 403. */
function specStatus(status: number): number {
  if (status === 422 || status === 415) return 400;
  if (status === 401) return 403;
  return status;
}

/** `abc.json` → `abc`, checked by `inner`. */
const suffixed = <T extends z.ZodType<unknown, string>>(format: Format, inner: T) =>
  z
    .string()
    .refine((s) => s.endsWith(`.${format}`), `must end in .${format}`)
    .transform((s) => s.slice(0, -(format.length + 1)))
    .pipe(inner);

const asXmlItems = (items: readonly object[]) => items as unknown as XmlValue[];

export function open311Routes(deps: AppDeps) {
  const { sql } = deps;
  const limiter = makeLimiter(sql, { name: 'open311 posts', limit: OPEN311_POSTS_PER_WINDOW, windowMs: OPEN311_POST_WINDOW_MS, now: deps.now });
  const app = new Hono();

  // Errors become the spec's body here, not in a sub-app onError: Hono wraps every handler of a
  // sub-app that has its own onError, which would hide the guard and OpenAPI metadata they carry.
  app.use('*', async (c, next) => {
    await next();
    const err = c.error;
    if (!err) return;
    const p = toProblem(err);
    if (p.status >= 500) deps.log.error('open311 error', { requestId: c.get('requestId' as never), path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    c.res = undefined;
    c.res = open311Error(c, specStatus(p.status), p.message, p.extra.headers);
  });

  for (const format of FORMATS) {
    const tag = ['open311'];
    app.get(
      `/services.${format}`,
      describe({ summary: `Service list (${format})`, description: 'One service per report category (Open311 GET services).', tags: tag, responses: { 200: { description: 'Services', schema: z.array(Open311Service), contentType: format === 'xml' ? 'text/xml' : 'application/json' } } }),
      guard.public(),
      validate('query', z.object({ jurisdiction_id: z.string().max(100).optional() })),
      (c) => {
        const services = open311Services();
        return reply(c, format, 200, { json: services, xml: toXmlDocument('services', 'service', asXmlItems(services)) });
      },
    );

    app.get(
      `/services/:service_code{[^/]+\\.${format}}`,
      describe({ summary: `Service definition (${format})`, description: 'The attributes a service takes (observed_from, observed_to). The path ends in .json or .xml.', tags: tag, responses: { 200: { description: 'Definition', schema: Open311ServiceDefinition }, 404: { description: 'Unknown service_code', schema: Open311Errors } } }),
      guard.public(),
      validate('param', z.object({ service_code: suffixed(format, z.string().max(64)) })),
      (c) => {
        const { service_code } = c.req.valid('param');
        const def = open311ServiceDefinition(service_code);
        if (!def) throw new HttpProblem(404, `There is no service_code "${service_code}". See GET services.${format}.`, { code: 'service-not-found' });
        const xml = toXmlObjectDocument('service_definition', {
          service_code: def.service_code,
          attributes: xmlList('attribute', def.attributes.map((a) => ({ ...a, values: xmlList('value', a.values) }))),
        });
        return reply(c, format, 200, { json: def, xml });
      },
    );

    app.post(
      `/requests.${format}`,
      describe({
        summary: `Create a service request (${format})`,
        description:
          'application/x-www-form-urlencoded as the spec says. lat and long are required (addresses are not geocoded). Anonymous requests are limited per address; partners send api_key. ' +
          'email is kept (apart from the report) only with the extension field email_consent=true; first_name, last_name, phone and media_url are not stored.',
        tags: tag,
        requestBody: { contentType: 'application/x-www-form-urlencoded', description: 'service_code, lat, long, description, attribute[observed_from], attribute[observed_to], api_key, email, email_consent' },
        responses: { 201: { description: 'Request id and token', schema: Open311PostResponse }, 400: { description: 'Invalid field', schema: Open311Errors }, 403: { description: 'api_key not valid', schema: Open311Errors }, 429: { description: 'Too many requests from this address', schema: Open311Errors } },
      }),
      bodyLimit({
        maxSize: OPEN311_BODY_LIMIT_BYTES,
        onError: () => {
          throw new HttpProblem(413, `The request body is larger than ${OPEN311_BODY_LIMIT_BYTES / 1024} KiB.`, { code: 'body-too-large', extensions: { limitBytes: OPEN311_BODY_LIMIT_BYTES } });
        },
      }),
      async (c, next) => {
        // Who is posting: api_key (form) or a Bearer token; anonymous otherwise. Cookies are not used here.
        const type = c.req.header('Content-Type') ?? '';
        if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
          throw new HttpProblem(400, 'Send the request as application/x-www-form-urlencoded (Open311 GeoReport v2).', { code: 'form-required' });
        }
        const body = await c.req.parseBody().catch(() => {
          throw new HttpProblem(400, 'The form body could not be read; send it as application/x-www-form-urlencoded.', { code: 'form-unreadable' });
        });
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
        const key = typeof body.api_key === 'string' && body.api_key !== '' ? body.api_key : bearer;
        c.set('user', null);
        if (key !== undefined) {
          const user = await resolveApiToken(sql, key, deps.now());
          if (!user) throw new HttpProblem(403, 'api_key is not valid: it is unknown, revoked or expired.', { code: 'token-invalid' });
          c.set('user', user);
        } else {
          const waitS = await limiter.hit(clientIp(c));
          if (waitS > 0) throw rateLimited('requests', waitS);
        }
        await next();
      },
      guard('reports:create'),
      validate('form', Open311PostForm),
      async (c) => {
        const f = c.req.valid('form');
        if (f.lat === undefined || f.long === undefined) {
          throw new HttpProblem(400, 'lat and long are required: this endpoint does not geocode address_string or address_id.', { code: 'location-required' });
        }
        const user = currentUser(c);
        // One end of the window alone means that instant; neither means "just now".
        const from = f['attribute[observed_from]'] ?? f.observed_from ?? f['attribute[observed_to]'] ?? f.observed_to;
        const to = f['attribute[observed_to]'] ?? f.observed_to ?? from;
        const row = prepareReport(
          { category: f.service_code, lat: f.lat, lon: f.long, observedFrom: from, observedTo: to, observedAt: from ? undefined : new Date(deps.now()), description: f.description, source: user?.role === 'partner' ? 'partner' : 'resident' },
          await deps.area.index(),
          deps.newId(),
          deps.now(),
        );
        const token = newTrackingToken();
        const keepEmail = f.email !== undefined && f.email_consent === 'true';
        await sql.begin(async (tx) => {
          await insertResidentReport(tx, { row, tokenHash: hashToken(token), photo: null, photoId: deps.newId(), at: new Date(deps.now()), contact: keepEmail ? { email: f.email!, consentText: CONSENT_TEXT_SV, consentedAt: new Date(deps.now()) } : null });
          if (user) await setSubmittedBy(tx, row.id, user.id);
        });
        const notices = [
          'Tack! Rapporten granskas innan texten visas publikt.',
          ...(f.email !== undefined && !keepEmail ? ['E-postadressen sparades inte (email_consent=true saknas).'] : []),
          ...(f.media_url ? ['media_url hämtas inte; bifoga foton via webbformuläret.'] : []),
        ];
        const item = { service_request_id: row.id, service_notice: notices.join(' '), account_id: null, token };
        c.header('Location', `/open311/v2/requests/${row.id}.${format}`);
        return reply(c, format, 201, { json: [item], xml: toXmlDocument('service_requests', 'request', [item]) });
      },
    );

    app.get(
      `/requests.${format}`,
      describe({
        summary: `Service requests (${format})`,
        description:
          `The public map's rule: residents' and partners' reports that moderation approved, masked (cell centre, hour); never police reports or the sensitive categories (hot-vald, narkotika) unless an admin made them public (GET /api/admin/disclosure); ` +
          `only cells holding at least ${MIN_REPORTS_PER_CELL} such reports submitted within the window. Without dates: the last ${OPEN311_DEFAULT_DAYS} days; at most ${OPEN311_MAX_REQUESTS}. ` +
          `service_request_id overrides the other filters and is looked up under the same rule over the last ${OPEN311_DEFAULT_DAYS} days. Withheld reports are published only as GET /api/public/weekly-counts.`,
        tags: tag,
        responses: { 200: { description: 'Requests', schema: z.array(Open311Request) }, 400: { description: 'Invalid filter', schema: Open311Errors } },
      }),
      guard.public(),
      validate('query', Open311RequestsQuery),
      async (c) => {
        const q = c.req.valid('query');
        const byId = Boolean(q.service_request_id?.length);
        const end = q.end_date && !byId ? new Date(q.end_date) : new Date(deps.now());
        const start = q.start_date && !byId ? new Date(q.start_date) : new Date(end.getTime() - OPEN311_DEFAULT_DAYS * 24 * 3600_000);
        if (start > end) throw new HttpProblem(400, 'start_date is after end_date.', { code: 'date-range-reversed' });
        const policy = await loadDisclosurePolicy(sql);
        const rows = await listOpen311Requests(sql, { ids: q.service_request_id, serviceCodes: q.service_code, statuses: q.status?.flatMap(statusesFor), start, end, limit: OPEN311_MAX_REQUESTS, policy });
        const items = rows.map(toOpen311Request);
        return reply(c, format, 200, { json: items, xml: toXmlDocument('service_requests', 'request', items as unknown as XmlObject[]) });
      },
    );

    app.get(
      `/requests/:service_request_id{[^/]+\\.${format}}`,
      describe({ summary: `One service request (${format})`, description: `The path ends in .json or .xml. Answers a one-element list, as the spec says; under the public rule of GET requests (404 for a report the public may not see).`, tags: tag, responses: { 200: { description: 'The request', schema: z.array(Open311Request) }, 404: { description: 'Unknown id', schema: Open311Errors } } }),
      guard.public(),
      validate('param', z.object({ service_request_id: suffixed(format, z.uuid({ message: 'is not a service_request_id' })) })),
      async (c) => {
        const { service_request_id } = c.req.valid('param');
        const end = new Date(deps.now());
        const start = new Date(end.getTime() - OPEN311_DEFAULT_DAYS * 24 * 3600_000);
        const rows = await listOpen311Requests(sql, { ids: [service_request_id], start, end, limit: 1, policy: await loadDisclosurePolicy(sql) });
        if (rows.length === 0) throw new HttpProblem(404, `There is no service request ${service_request_id}.`, { code: 'request-not-found' });
        const items = rows.map(toOpen311Request);
        return reply(c, format, 200, { json: items, xml: toXmlDocument('service_requests', 'request', items as unknown as XmlObject[]) });
      },
    );

    app.get(
      `/tokens/:token{[^/]+\\.${format}}`,
      describe({ summary: `Request id from a token (${format})`, tags: tag, responses: { 200: { description: 'Id and token', schema: Open311TokenResponse }, 404: { description: 'Unknown token', schema: Open311Errors } } }),
      guard.public(),
      validate('param', z.object({ token: suffixed(format, z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'is not a token')) })),
      async (c) => {
        const { token } = c.req.valid('param');
        const id = await findReportIdByTokenHash(sql, hashToken(token));
        if (!id) throw new HttpProblem(404, 'There is no request with this token.', { code: 'request-not-found' });
        const item = { service_request_id: id, token };
        return reply(c, format, 200, { json: [item], xml: toXmlDocument('service_requests', 'request', [item]) });
      },
    );
  }

  app.all('*', guard.public(), (c) => open311Error(c, 404, `There is no Open311 resource ${c.req.method} ${c.req.path}. Try GET /open311/v2/services.json.`));
  return app;
}

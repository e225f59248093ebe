// Open311 GeoReport v2 against the spec's field lists in JSON and XML, errors in the spec's
// body, masking of resident locations, filters and limits; on PGlite and real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp } from '../helpers/test-app.ts';
import { insertUser } from '../../server/db/queries/users.ts';
import { createApiToken } from '../../server/auth/api-tokens.ts';

/** Field lists from http://wiki.open311.org/GeoReport_v2. */
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const ATTRIBUTE_FIELDS = ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'];
const POST_FIELDS = ['service_request_id', 'service_notice', 'account_id', 'token'];
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const EXTENSION_FIELDS = ['h3_cell', 'observed_from', 'observed_to'];

const RYD = { lat: 58.40837, lon: 15.564625 };
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name) });

describe.each(databaseTargets())('Open311 GeoReport v2 on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let ip = 0;
  let partnerKey = '';
  const post = (format: 'json' | 'xml', fields: Record<string, string>, remoteAddress = `10.2.0.${++ip}`) =>
    t.app.request(`/open311/v2/requests.${format}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }, { incoming: { socket: { remoteAddress } } });
  const getJson = async (path: string) => {
    const res = await t.app.request(path);
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown>[] };
  };
  const getXml = async (path: string) => {
    const res = await t.app.request(path);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), text, doc: xml.parse(text) as Record<string, Record<string, Record<string, unknown>[]>> };
  };

  beforeAll(async () => {
    t = await makeTestApp(target);
    await insertUser(t.sql, { id: 'partner-1', email: 'fastighet@example.se', passwordHash: 'scrypt$unused', role: 'partner', team: null, at: new Date(FIXED_NOW) });
    partnerKey = (await createApiToken(t.sql, { name: 'bostadsbolag', userId: 'partner-1', scopes: ['reports:create', 'reports:read-own'], createdBy: null, nowMs: FIXED_NOW, expiresMs: null })).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists services with the spec fields in JSON and XML', async () => {
    const j = await getJson('/open311/v2/services.json');
    expect(j.status).toBe(200);
    expect(j.body.length).toBe(10);
    for (const s of j.body) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
    const x = await getXml('/open311/v2/services.xml');
    expect(x.type).toMatch(/^text\/xml/);
    const services = x.doc.services!.service!;
    expect(services.length).toBe(10);
    for (const s of services) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
    expect(services.map((s) => s.service_code)).toEqual(j.body.map((s) => s.service_code));
  });

  it('gives a service definition with attributes in JSON and XML', async () => {
    const j = (await getJson('/open311/v2/services/brand.json')).body as unknown as { service_code: string; attributes: Record<string, unknown>[] };
    expect(j.service_code).toBe('brand');
    for (const a of j.attributes) expect(Object.keys(a).sort()).toEqual([...ATTRIBUTE_FIELDS].sort());
    const x = await getXml('/open311/v2/services/brand.xml');
    const def = (x.doc as unknown as { service_definition: { service_code: string; attributes: { attribute: Record<string, unknown>[] } } }).service_definition;
    expect(def.service_code).toBe('brand');
    expect(def.attributes.attribute.map((a) => a.code)).toEqual(['observed_from', 'observed_to']);
    for (const a of def.attributes.attribute) expect(Object.keys(a).sort()).toEqual([...ATTRIBUTE_FIELDS].sort());
  });

  it('posts anonymously, then reads the request back masked in JSON and XML', async () => {
    const res = await post('json', { service_code: 'klotter', lat: String(RYD.lat), long: String(RYD.lon), description: 'Klotter på elskåpet', email: 'x@example.se', 'attribute[observed_from]': '2026-11-20T09:10:00+01:00', 'attribute[observed_to]': '2026-11-20T10:40:00+01:00' });
    expect(res.status).toBe(201);
    const [created] = (await res.json()) as Record<string, string>[];
    expect(Object.keys(created!).sort()).toEqual([...POST_FIELDS].sort());
    expect(created!.service_notice).toMatch(/E-postadressen sparades inte/);
    const id = created!.service_request_id!;
    // Public only once approved, and only in a cell holding at least 3 public requests.
    expect((await getJson(`/open311/v2/requests/${id}.json`)).status).toBe(404);
    for (let i = 0; i < 2; i++) await post('json', { service_code: 'klotter', lat: String(RYD.lat), long: String(RYD.lon) });
    await t.sql`update reports set status = 'approved', text_public = true`;

    const j = await getJson(`/open311/v2/requests/${id}.json`);
    expect(j.status).toBe(200);
    const [r] = j.body;
    expect(Object.keys(r!).sort()).toEqual([...REQUEST_FIELDS, ...EXTENSION_FIELDS].sort());
    const cell = latLngToCell(RYD.lat, RYD.lon, 10);
    const [clat, clon] = cellToLatLng(cell);
    expect(r).toMatchObject({ service_request_id: id, status: 'open', service_code: 'klotter', service_name: 'Klotter', description: 'Klotter på elskåpet', h3_cell: cell, address: 'Ryd', observed_from: '2026-11-20T08:00:00.000Z', observed_to: '2026-11-20T09:00:00.000Z' });
    expect(r!.lat).toBeCloseTo(clat, 5);
    expect(r!.long).toBeCloseTo(clon, 5);
    expect(JSON.stringify(j.body)).not.toContain('x@example.se');
    expect((await t.sql`select count(*)::int as n from report_contacts where report_id = ${id}`)[0]!.n).toBe(0);

    const x = await getXml(`/open311/v2/requests/${id}.xml`);
    const [rx] = x.doc.service_requests!.request!;
    expect(Object.keys(rx!).sort()).toEqual([...REQUEST_FIELDS, ...EXTENSION_FIELDS].sort());
    expect(rx).toMatchObject({ service_request_id: id, status: 'open', h3_cell: cell, description: 'Klotter på elskåpet' });

    const tok = await getJson(`/open311/v2/tokens/${created!.token}.json`);
    expect(tok.body).toEqual([{ service_request_id: id, token: created!.token }]);
    const tokX = await getXml(`/open311/v2/tokens/${created!.token}.xml`);
    expect(tokX.doc.service_requests!.request![0]).toEqual({ service_request_id: id, token: created!.token });
  });

  it('posts as a partner with api_key, answering XML, and keeps an e-mail given with consent', async () => {
    const res = await post('xml', { api_key: partnerKey, service_code: 'skadegorelse', lat: String(RYD.lat), long: String(RYD.lon), email: 'drift@example.se', email_consent: 'true' });
    expect(res.status).toBe(201);
    const doc = xml.parse(await res.text()) as { service_requests: { request: Record<string, string>[] } };
    const id = doc.service_requests.request[0]!.service_request_id!;
    const [row] = await t.sql`select source, submitted_by from reports where id = ${id}`;
    expect(row).toMatchObject({ source: 'partner', submitted_by: 'partner-1' });
    expect((await t.sql`select email from report_contacts where report_id = ${id}`)[0]!.email).toBe('drift@example.se');
  });

  it('answers the spec error body for 400, 403 and 404 in both formats', async () => {
    const cases: [string, () => Response | Promise<Response>, number][] = [
      ['json', () => post('json', { service_code: 'nope', lat: '58.4', long: '15.5' }), 400],
      ['json', () => post('json', { service_code: 'brand', address_string: 'Rydsvägen 1' }), 400],
      ['xml', () => post('xml', { service_code: 'brand', lat: String(RYD.lat), long: String(RYD.lon), api_key: 'tk_wrong' }), 403],
      ['json', () => t.app.request('/open311/v2/requests/00000000-0000-4000-8000-000000000000.json'), 404],
      ['xml', () => t.app.request('/open311/v2/services/unknown.xml'), 404],
      ['json', () => t.app.request('/open311/v2/requests.json?start_date=yesterday'), 400],
      ['xml', () => t.app.request('/open311/v2/requests/not-an-id.xml'), 400],
    ];
    for (const [format, call, status] of cases) {
      const res = await call();
      expect(res.status).toBe(status);
      if (format === 'json') {
        const body = (await res.json()) as { code: number; description: string }[];
        expect(body).toEqual([{ code: status, description: expect.any(String) }]);
        expect(body[0]!.description.length).toBeGreaterThan(10);
      } else {
        expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
        const doc = xml.parse(await res.text()) as { errors: { error: { code: string; description: string }[] } };
        expect(doc.errors.error[0]!.code).toBe(String(status));
      }
    }
  });

  it('filters requests by service_code, status and dates, defaulting to 90 days', async () => {
    await t.sql`update reports set created_at = ${new Date(FIXED_NOW - 120 * 86400_000)} where id = (select id from reports where source = 'resident' order by created_at limit 1)`;
    for (let i = 0; i < 3; i++) await post('json', { service_code: 'brand', lat: String(RYD.lat), long: String(RYD.lon) });
    expect((await getJson('/open311/v2/requests.json?service_code=brand')).body).toEqual([]); // not yet approved
    await t.sql`update reports set status = 'approved', text_public = true`;
    const all = (await getJson('/open311/v2/requests.json')).body;
    expect(all.length).toBe(6); // klotter ×2 (one is 120 days old), the partner's skadegorelse, brand ×3
    expect((await getJson('/open311/v2/requests.json?service_code=brand')).body.map((r) => r.service_code)).toEqual(['brand', 'brand', 'brand']);
    expect((await getJson('/open311/v2/requests.json?status=closed')).body).toEqual([]);
    expect((await getJson('/open311/v2/requests.json?start_date=2026-06-01T00:00:00Z&end_date=2026-11-21T00:00:00Z')).body.length).toBe(7);
    const ids = (await getJson(`/open311/v2/requests.json?service_request_id=${all[0]!.service_request_id}`)).body;
    expect(ids.length).toBe(1);
  });

  it('rate-limits anonymous posts per address with 429 in the spec body', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post('json', { service_code: 'brand', lat: String(RYD.lat), long: String(RYD.lon) }, '192.0.2.99')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
    const res = await post('json', { service_code: 'brand' }, '192.0.2.99');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { code: number }[])[0]!.code).toBe(429);
  });

  it('refuses bodies over 64 KiB and unknown paths without a 5xx', async () => {
    const big = await post('json', { service_code: 'brand', description: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect((await t.app.request('/open311/v2/requests.csv')).status).toBe(404);
    const json = await t.app.request('/open311/v2/requests.json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
  });
});

// The residents' form and public map API: photo re-encoding, privacy masking, honeypot,
// idempotency and rate limits, on PGlite and (when configured) a real PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, latLngToCell } from 'h3-js';
import sharp from 'sharp';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW, makeTestApp } from '../helpers/test-app.ts';
import { hasMetadata, makeGpsJpeg } from '../helpers/gps-photo.ts';

const RYD = { lat: 58.40837, lon: 15.564625 };
const hoursAgo = (h: number) => new Date(FIXED_NOW - h * 3600_000 - 17 * 60_000).toISOString();

function form(fields: Record<string, string | Blob>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe.each(databaseTargets())('public reports API on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let ip = 0;
  /** Each call comes from its own address unless told, so the rate limit stays out of the way. */
  const post = (fd: FormData, headers: Record<string, string> = {}) => t.app.request('/api/public/reports', { method: 'POST', body: fd, headers }, { incoming: { socket: { remoteAddress: headers['x-test-ip'] ?? `10.0.0.${++ip}` } } });
  const count = async () => Number((await t.sql`select count(*) as n from reports`)[0]!.n);

  beforeAll(async () => {
    t = await makeTestApp(target);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores a report with a photo stripped of EXIF/GPS and answers a masked receipt', async () => {
    const jpeg = await makeGpsJpeg();
    expect(await hasMetadata(jpeg)).toBe(true);
    const res = await post(
      form({ category: 'otrygg-plats', lat: String(RYD.lat), lon: String(RYD.lon), observedAt: hoursAgo(2), description: 'Trasig lampa vid gångtunneln', email: 'anna@example.se', consent: 'on', idempotencyKey: 'key-photo-0001', photo: new File([new Uint8Array(jpeg)], 'IMG_0001.jpg', { type: 'image/jpeg' }) }),
    );
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as { trackingToken: string; trackingUrl: string; hasPhoto: boolean; hasContact: boolean; report: Record<string, unknown> };
    expect(receipt.hasPhoto).toBe(true);
    expect(receipt.hasContact).toBe(true);
    expect(receipt.trackingUrl).toBe(`/rapportera/kvitto/${receipt.trackingToken}`);
    const cell = latLngToCell(RYD.lat, RYD.lon, 10);
    const [clat, clon] = cellToLatLng(cell);
    expect(receipt.report.cell).toBe(cell);
    expect(receipt.report.lat).toBeCloseTo(clat, 5);
    expect(receipt.report.lon).toBeCloseTo(clon, 5);
    expect(receipt.report.description).toBeNull();
    expect(String(receipt.report.observedFrom)).toMatch(/T\d\d:00:00\.000Z$/);
    expect(JSON.stringify(receipt)).not.toContain('anna@example.se');
    expect(JSON.stringify(receipt)).not.toContain(String(RYD.lat));

    const [photo] = await t.sql<{ bytes: Buffer; width_px: number; height_px: number }[]>`select bytes, width_px, height_px from report_photos where report_id = ${receipt.report.id as string}`;
    expect(await hasMetadata(photo!.bytes)).toBe(false);
    expect(Math.max(photo!.width_px, photo!.height_px)).toBe(1600);
    expect((await sharp(photo!.bytes).metadata()).format).toBe('jpeg');
    const [contact] = await t.sql`select email from report_contacts where report_id = ${receipt.report.id as string}`;
    expect(contact!.email).toBe('anna@example.se');

    const status = await t.app.request(`/api/public/reports/${receipt.trackingToken}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual(receipt.report);
  });

  it('stores one report for a repeated submission with the same key', async () => {
    const before = await count();
    const fields = { category: 'klotter', lat: String(RYD.lat), lon: String(RYD.lon), idempotencyKey: 'double-tap-0001' };
    const first = await post(form(fields));
    const second = await post(form(fields));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { trackingToken: string }).trackingToken).toBe(((await first.json()) as { trackingToken: string }).trackingToken);
    expect(await count()).toBe(before + 1);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const before = await count();
    const res = await post(form({ category: 'klotter', lat: String(RYD.lat), lon: String(RYD.lon), website: 'http://spam.example' }));
    expect(res.status).toBe(201);
    expect(await count()).toBe(before);
  });

  it('lists field errors: missing place, e-mail without consent, bad category', async () => {
    const res = await post(form({ category: 'nope', lat: '', lon: '', email: 'a@b.se' }));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['category', 'consent', 'lat', 'lon']);
  });

  it('refuses a file that is not an image with 415 and a JSON body with 415', async () => {
    const bad = await post(form({ category: 'klotter', lat: String(RYD.lat), lon: String(RYD.lon), photo: new File(['hello'], 'x.jpg', { type: 'image/jpeg' }) }));
    expect(bad.status).toBe(415);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('photo');
    const json = await t.json('POST', '/api/public/reports', { category: 'klotter' });
    expect(json.status).toBe(415);
  });

  it('refuses a photo over 10 MB with 413', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set([0xff, 0xd8, 0xff]);
    const res = await post(form({ category: 'klotter', lat: String(RYD.lat), lon: String(RYD.lon), photo: new File([big], 'big.jpg', { type: 'image/jpeg' }) }));
    expect(res.status).toBe(413);
  });

  it('limits one address to 10 reports per 15 minutes with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(form({ category: 'klotter', lat: String(RYD.lat), lon: String(RYD.lon) }), { 'x-test-ip': '192.0.2.7' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 201 || s === 422)).toBe(true);
    expect(statuses[10]).toBe(429);
    const res = await post(form({ category: 'klotter' }), { 'x-test-ip': '192.0.2.7' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('shows approved residents’ pins at the cell centre, without unapproved text, closed hidden', async () => {
    for (let i = 0; i < 3; i++) await post(form({ category: 'brand', lat: String(RYD.lat + 0.0003), lon: String(RYD.lon), observedAt: hoursAgo(5), description: 'Godkänd text' }));
    await t.sql`update reports set status = 'approved', text_public = true where source = 'resident'`;
    await post(form({ category: 'brand', lat: String(RYD.lat + 0.0003), lon: String(RYD.lon), observedAt: hoursAgo(5), description: 'Hemlig text' })); // not yet moderated
    await t.json('POST', '/api/reports', { category: 'brand', ...RYD, observedAt: hoursAgo(1), source: 'staff', description: 'staff' });
    const res = await t.app.request('/api/public/pins?days=7');
    expect(res.status).toBe(200);
    const fc = (await res.json()) as { features: { geometry: { coordinates: [number, number] }; properties: Record<string, unknown> }[] };
    expect(fc.features.length).toBeGreaterThan(0);
    const text = JSON.stringify(fc);
    expect(text).not.toContain('Hemlig text');
    expect(text).not.toContain('staff');
    for (const f of fc.features) {
      const [lat, lon] = cellToLatLng(f.properties.cell as string);
      expect(f.geometry.coordinates[0]).toBeCloseTo(lon, 5);
      expect(f.geometry.coordinates[1]).toBeCloseTo(lat, 5);
      expect(f.properties.status).not.toBe('closed');
    }
    const bad = await t.app.request('/api/public/pins?days=8');
    expect(bad.status).toBe(400);
  });

  it('answers 404 for an unknown token and 400 for a malformed one', async () => {
    expect((await t.app.request('/api/public/reports/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await t.app.request('/api/public/reports/<script>')).status).toBe(400);
  });
});

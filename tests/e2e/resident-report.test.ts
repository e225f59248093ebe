// Browser test on a phone-sized viewport: a resident files a report with a photo (carrying EXIF
// GPS) using the phone's location, gets a receipt; a moderator approves it in the queue; the
// pin then shows at the H3 cell centre with the approved text. The light map (a server-drawn
// picture, no MapLibre) takes a tap as the report's point and is keyboard operable; the larger
// MapLibre map loads only on request. Offline: only localhost loads.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { startTestServer } from '../helpers/test-server.ts';
import { hasMetadata, makeGpsJpeg } from '../helpers/gps-photo.ts';
import { insertUser } from '../../server/db/queries/users.ts';
import { insertReport } from '../../server/db/queries/reports.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { launchChromium, refuseOutsideRequests, runBrowserSuite } from '../helpers/browser.ts';
import { project, unproject } from '../../server/domain/map-view.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const WAIT = { timeout: 60_000 };
const DEFAULT_STREETS = '../shared/geodata-raw/linkoping_highway_graph_osm2018_tdde25.geojson';
const streetsFile = process.env.STREETS_FILE ?? (existsSync(DEFAULT_STREETS) ? DEFAULT_STREETS : undefined);
/** Where the phone says it is: a footpath in Ryd. */
const PHONE = { latitude: 58.40837, longitude: 15.564625 };
const MODERATOR = { email: 'granskare@example.se', password: 'Granska-Ryd-2026!' };
const EMAIL = 'boende.ryd@example.se';
const TEXT = 'Lampan vid gångtunneln är trasig, det är helt mörkt på kvällen.';
const TAPPED = 'Klotter på muren, vald med ett tryck på kartan.';

describe.runIf(runBrowserSuite)("a resident's report in a browser", () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  let phone: BrowserContext;
  let page: Page;
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  let token = '';

  const offline = async (context: BrowserContext) => {
    await refuseOutsideRequests(context, blocked);
  };

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false, ...(streetsFile ? { streetsFile } : {}) });
    await insertUser(server.sql, { id: randomUUID(), email: MODERATOR.email, passwordHash: await hashPassword(MODERATOR.password), role: 'teamleader', team: null, at: new Date() });
    browser = await launchChromium();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', geolocation: PHONE, permissions: ['geolocation'] });
    await offline(phone);
    page = await phone.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('files a report with a photo and the phone position and shows a receipt', async () => {
    await page.goto(`${server!.url}/rapportera`);
    await page.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');

    // Sending an empty form shows the errors next to the fields.
    await page.getByRole('button', { name: 'Skicka rapport' }).click();
    await page.waitForSelector('[data-testid=form-errors]', WAIT);
    expect(await page.textContent('#err-place')).toContain('Välj en plats');
    expect(await page.textContent('#err-category')).toContain('Välj en kategori');
    expect(await page.getAttribute('#field-category', 'aria-describedby')).toContain('err-category');

    await page.getByRole('button', { name: 'Använd min position' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=place-status]')?.textContent?.startsWith('Plats vald'), undefined, WAIT);
    await page.getByLabel('Vad gäller det?').selectOption('otrygg-plats');
    await page.getByLabel('Beskrivning (valfritt)').fill(TEXT);
    const jpeg = await makeGpsJpeg();
    expect(await hasMetadata(jpeg)).toBe(true);
    await page.getByLabel('Foto (valfritt)').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByLabel('E-post för svar (valfritt)').fill(EMAIL);
    await page.getByLabel(/Jag samtycker/).check();
    await page.screenshot({ path: 'test-results/resident-form.png', fullPage: true });

    await page.getByRole('button', { name: 'Skicka rapport' }).click();
    await page.waitForSelector('[data-testid=receipt]', WAIT);
    expect(await page.textContent('[data-testid=receipt] h2')).toBe('Tack! Din rapport är mottagen.');
    const link = (await page.textContent('[data-testid=tracking-link]'))!;
    expect(link).toMatch(new RegExp(`^${server!.url}/rapportera/kvitto/[A-Za-z0-9_-]{32}$`));
    token = link.split('/').pop()!;
    expect(new URL(page.url()).pathname).toBe(`/rapportera/kvitto/${token}`);
    await page.waitForSelector('[data-testid=receipt-status]', WAIT);
    expect(await page.textContent('[data-testid=receipt-status]')).toBe('Ny, ej granskad');
    await page.screenshot({ path: 'test-results/resident-receipt.png', fullPage: true });
  }, 180_000);

  it('stored the photo without EXIF/GPS and never exposes the exact point or the e-mail', async () => {
    const [row] = await server!.sql<{ id: string; lat: number; lon: number }[]>`select id, lat, lon from reports where source = 'resident'`;
    expect(row!.lat).toBeCloseTo(PHONE.latitude, 5);
    const [photo] = await server!.sql<{ bytes: Buffer }[]>`select bytes from report_photos where report_id = ${row!.id}`;
    expect(await hasMetadata(photo!.bytes)).toBe(false);
    expect(photo!.bytes.includes(Buffer.from('TestPhone'))).toBe(false);
    const [contact] = await server!.sql`select email from report_contacts where report_id = ${row!.id}`;
    expect(contact!.email).toBe(EMAIL);

    const bodies = await Promise.all(
      [`/api/public/reports/${token}`, '/api/public/pins?days=7', `/open311/v2/requests/${row!.id}.json`, `/open311/v2/requests/${row!.id}.xml`].map(async (p) => (await fetch(server!.url + p)).text()),
    );
    for (const body of bodies) {
      expect(body).not.toContain(EMAIL);
      expect(body).not.toContain(String(row!.lat));
      expect(body).not.toContain(String(row!.lon));
      expect(body).not.toContain(TEXT); // not approved yet
    }
    // Staff routes refuse anonymous callers.
    expect((await fetch(`${server!.url}/api/reports/${row!.id}`)).status).toBe(401);
    expect((await fetch(`${server!.url}/api/moderation/queue`)).status).toBe(401);
  });

  it('lets a moderator sign in and approve the report with a public note', async () => {
    const desk = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    await offline(desk);
    const mod = await desk.newPage();
    mod.on('pageerror', (err) => pageErrors.push(err.message));
    await mod.goto(`${server!.url}/granskning`);
    await mod.getByLabel('E-post').fill(MODERATOR.email);
    await mod.getByLabel('Lösenord').fill(MODERATOR.password);
    await mod.getByRole('button', { name: 'Logga in' }).click();
    await mod.waitForSelector('[data-testid=queue-item]', WAIT);
    expect(await mod.textContent('[data-testid=mod-summary]')).toContain(TEXT);
    await mod.waitForSelector('.mod-summary__photo', WAIT);
    await mod.getByLabel('Offentlig statuskommentar').fill('Felanmält till gatubelysningen.');
    await mod.getByTestId('approve').click();
    await mod.waitForFunction(() => document.querySelector('[data-testid=mod-message]')?.textContent?.startsWith('Klart'), undefined, WAIT);
    await mod.getByLabel('Status', { exact: true }).selectOption('approved');
    await mod.waitForSelector('[data-testid=queue-item]', WAIT);
    await mod.screenshot({ path: 'test-results/moderation.png', fullPage: true });
    const [action] = await server!.sql`select action, actor_label from moderation_actions`;
    expect(action).toMatchObject({ action: 'approve', actor_label: MODERATOR.email });
    await desk.close();
  }, 180_000);

  it('shows the approved pin at the H3 cell centre with its text and note', async () => {
    // A public cell is drawn only with at least 3 approved reports in it: two older neighbours.
    for (let i = 1; i <= 2; i++) {
      const at = new Date(Date.now() - i * 86_400_000);
      await insertReport(server!.sql, { id: randomUUID(), category: 'klotter', lat: PHONE.latitude, lon: PHONE.longitude, cell: latLngToCell(PHONE.latitude, PHONE.longitude, 10), districtId: 'ryd', observedFrom: at, observedTo: at, description: null, source: 'resident', status: 'new' });
    }
    await server!.sql`update reports set status = 'approved', text_public = true where source = 'resident' and description is null`;
    await page.goto(`${server!.url}/rapportera/kvitto/${token}`);
    await page.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    await page.waitForSelector('[data-testid=resident-item][data-status=approved]', WAIT);
    const item = page.locator('[data-testid=resident-item]').first();
    expect(await item.textContent()).toContain(TEXT);
    expect(await item.textContent()).toContain('Felanmält till gatubelysningen.');
    const [clat, clon] = cellToLatLng(latLngToCell(PHONE.latitude, PHONE.longitude, 10));
    expect(Number(await item.getAttribute('data-lat'))).toBeCloseTo(clat, 5);
    expect(Number(await item.getAttribute('data-lon'))).toBeCloseTo(clon, 5);
    expect(await page.textContent('[data-testid=receipt-status]')).toBe('Granskad');
    await page.screenshot({ path: 'test-results/resident-approved.png', fullPage: true });
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('draws the light map without MapLibre, passes axe, and files a tapped point exactly there', async () => {
    const p = await phone.newPage();
    p.on('pageerror', (err) => pageErrors.push(err.message));
    const scripts: string[] = [];
    p.on('request', (r) => scripts.push(r.url()));
    await p.goto(`${server!.url}/rapportera`);
    await p.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    expect(scripts.filter((u) => /maplibre|report-map/.test(u))).toEqual([]);
    await p.evaluate(`(() => { ${AXE_SOURCE}\n})()`); // evaluated by DevTools: the app's CSP stays on
    const axe = (await p.evaluate(() =>
      (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run({ include: [['.report-page__map-section']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
    )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // The surface names its view (the picture is placed to match it): the tapped pixel unprojects to the report's point.
    const surface = p.getByTestId('light-map-surface');
    const view = JSON.parse((await surface.getAttribute('data-view'))!) as { lon: number; lat: number; zoom: number; width: number; height: number };
    const box = (await surface.boundingBox())!;
    expect(Math.round(box.width)).toBe(view.width);
    // A pixel near the phone's spot in Ryd (the point must lie inside a district).
    const [px, py] = project(view, PHONE.longitude + 0.002, PHONE.latitude + 0.001);
    const at = { x: Math.round(px), y: Math.round(py) };
    await surface.tap({ position: at });
    await p.waitForFunction(() => document.querySelector('[data-testid=place-status]')?.textContent?.startsWith('Plats vald'), undefined, WAIT);
    const marker = (await p.getByTestId('light-map-marker').boundingBox())!;
    expect(Math.abs(marker.x + marker.width / 2 - (box.x + at.x))).toBeLessThan(12); // the pin, rotated, points at the tap
    await p.screenshot({ path: 'test-results/resident-light-map-390.png' });
    await p.getByLabel('Vad gäller det?').selectOption('klotter');
    await p.getByLabel('Beskrivning (valfritt)').fill(TAPPED);
    await p.getByRole('button', { name: 'Skicka rapport' }).click();
    await p.waitForSelector('[data-testid=receipt]', WAIT);
    const [row] = await server!.sql<{ lat: number; lon: number }[]>`select lat, lon from reports where description = ${TAPPED}`;
    const expected = unproject(view, at.x, at.y);
    // Within a fraction of a pixel (the form sends 6 decimals; the element box may sit on a sub-pixel).
    expect(row!.lat).toBeCloseTo(expected.lat, 5);
    expect(row!.lon).toBeCloseTo(expected.lon, 5);
    await p.close();
  }, 180_000);

  it("asks for the map's first picture from index.html on a return visit, inside the page's CSP", async () => {
    const p = await phone.newPage();
    const consoleLines: string[] = [];
    p.on('console', (m) => consoleLines.push(m.text()));
    const cdp = await phone.newCDPSession(p);
    await cdp.send('Network.enable');
    const pictures: { url: string; from: string }[] = [];
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.includes('/map/static.svg')) pictures.push({ url: e.request.url, from: e.initiator.type });
    });
    await p.goto(`${server!.url}/rapportera`);
    await p.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    // The first picture is asked for while the HTML is parsed, which only index.html's inline
    // script does (the app's modules run after parsing: their requests come from 'script'); the
    // map then draws that picture, and the browser reports no Content-Security-Policy violation.
    const kept = await p.evaluate(() => localStorage.getItem('tk-light-map-first'));
    expect(kept).toMatch(/^\/map\/static\.svg\?/);
    expect(pictures[0]).toEqual({ url: `${server!.url}${kept}`, from: 'parser' });
    expect(await p.getByTestId('light-map-picture').getAttribute('src')).toBe(kept);
    expect(consoleLines.filter((l) => /Content Security Policy|preload .* not used/.test(l))).toEqual([]);
    await p.close();
  }, 120_000);

  it('moves with the keyboard and the zoom buttons, and loads the larger MapLibre map on request', async () => {
    const desk = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    await offline(desk);
    const p = await desk.newPage();
    p.on('pageerror', (err) => pageErrors.push(err.message));
    await p.goto(`${server!.url}/rapportera`);
    await p.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    const srcOf = () => p.getAttribute('.light-map__picture', 'src');
    const first = (await srcOf())!;
    await p.getByRole('button', { name: 'Zooma in' }).click();
    await p.waitForFunction((s) => document.querySelector('.light-map__picture')?.getAttribute('src') !== s, first, WAIT);
    const zoomed = new URL((await srcOf())!, server!.url).searchParams;
    expect(Number(zoomed.get('zoom'))).toBeGreaterThan(Number(new URL(first, server!.url).searchParams.get('zoom')));
    await p.getByTestId('light-map-surface').focus();
    const before = (await srcOf())!;
    await p.keyboard.press('ArrowRight');
    await p.waitForFunction((s) => document.querySelector('.light-map__picture')?.getAttribute('src') !== s, before, WAIT);
    const moved = new URL((await srcOf())!, server!.url).searchParams;
    expect(Number(moved.get('lon'))).toBeGreaterThan(Number(zoomed.get('lon')));
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.querySelector('[data-testid=place-status]')?.textContent?.startsWith('Plats vald'), undefined, WAIT);
    await p.screenshot({ path: 'test-results/resident-light-map-desktop.png' });

    await p.getByRole('button', { name: 'Större karta' }).click();
    await p.waitForSelector('[data-testid=report-map] canvas.maplibregl-canvas', WAIT);
    await p.waitForSelector('[data-testid=report-map][data-ready=true]', WAIT);
    await p.screenshot({ path: 'test-results/resident-bigger-map.png' });
    await desk.close();
  }, 180_000);
});

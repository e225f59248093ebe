// Browser test: BASEMAP_STYLE_URL set to a style served by a local test server (a tiny node:http
// server on its own origin): the map uses it, draws the app's layers on top, and the CSP lets
// the page reach that origin only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.ts';
import { launchChromium, runBrowserSuite } from '../helpers/browser.ts';

const WAIT = { timeout: 90_000 };

describe.runIf(runBrowserSuite)('an online basemap (BASEMAP_STYLE_URL)', () => {
  let styleServer: Server;
  let styleOrigin = '';
  const served: string[] = [];
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    styleServer = createServer((req, res) => {
      served.push(req.url ?? '');
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.url === '/style.json') {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({
          version: 8,
          name: 'Online test basemap',
          sources: { land: { type: 'geojson', data: `${styleOrigin}/land.geojson`, attribution: 'Online test tiles' } },
          layers: [
            { id: 'online-background', type: 'background', paint: { 'background-color': '#e0f0e0' } },
            { id: 'online-land', type: 'fill', source: 'land', paint: { 'fill-color': '#c0d8c0' } },
          ],
        }));
      } else if (req.url === '/land.geojson') {
        res.setHeader('Content-Type', 'application/geo+json');
        res.end(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[15.5, 58.37], [15.7, 58.37], [15.7, 58.45], [15.5, 58.45], [15.5, 58.37]]] } }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => styleServer.listen(0, '127.0.0.1', resolve));
    styleOrigin = `http://localhost:${(styleServer.address() as AddressInfo).port}`;
    server = await startTestServer({ seedDemo: true, basemapStyleUrl: `${styleOrigin}/style.json` });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => styleServer?.close(resolve));
  });

  it('uses the online style with the app’s layers on top, and the CSP names that origin only', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      requests.push(url.href);
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === server!.url || url.origin === styleOrigin) return route.continue();
      return route.abort('internetdisconnected');
    });
    const chief = server!.demoUsers.find((u) => u.role === 'chief')!;
    expect((await context.request.post(`${server!.url}/api/auth/login`, { data: { email: chief.email, password: chief.password }, headers: { Origin: server!.url } })).status()).toBe(200);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    const res = await page.goto(server!.url);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toMatch(new RegExp(`connect-src 'self' ${styleOrigin}(;|$)`));
    expect(csp).not.toMatch(/https:/);
    await page.waitForSelector('[data-testid=map][data-ready=true]', WAIT);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=map]')?.getAttribute('data-clusters')) > 0, undefined, WAIT);
    expect(served).toEqual(expect.arrayContaining(['/style.json', '/land.geojson']));
    expect(requests.some((u) => u.includes('/map/style.json'))).toBe(false);
    expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('Online test tiles');
    expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('Källa: SCB');
    expect(violations).toEqual([]);
    await page.screenshot({ path: 'test-results/basemap-online.png' });
    await context.close();
  }, 240_000);
});

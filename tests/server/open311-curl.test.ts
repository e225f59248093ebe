// A plain Open311 client script, as a municipality's integrator would write it with curl:
// list services, post a form-encoded request, read it back in JSON and XML. Real HTTP server
// on the embedded database; curl runs against 127.0.0.1 only.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start-server.ts';
import { preparedEmbeddedData } from '../helpers/databases.ts';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';

async function curl(...args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run(CURL, ['-sS', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe.runIf(existsSync(CURL))('Open311 with curl', () => {
  let server: RunningServer;
  let base = '';

  beforeAll(async () => {
    server = await startServer({ initialData: await preparedEmbeddedData(), logLevel: 'silent' });
    base = `${server.url}/open311/v2`;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('lists services, posts a request and reads it back in JSON and XML', async () => {
    const services = await curl(`${base}/services.json`);
    expect(services.status).toBe(200);
    const codes = (JSON.parse(services.body) as { service_code: string }[]).map((s) => s.service_code);
    expect(codes).toContain('otrygg-plats');

    const created = await curl('-X', 'POST', `${base}/requests.json`, '--data-urlencode', 'service_code=otrygg-plats', '--data-urlencode', 'lat=58.40837', '--data-urlencode', 'long=15.564625', '--data-urlencode', 'description=Mörk gångväg, lampan är trasig');
    expect(created.status).toBe(201);
    const [first] = JSON.parse(created.body) as { service_request_id: string; token: string }[];
    const { service_request_id: id, token } = first!;

    // The public rule: a request is shown once moderation approved it, in a cell of at least 3.
    expect((await curl(`${base}/requests/${id}.json`)).status).toBe(404);
    for (let i = 0; i < 2; i++) {
      const more = await curl('-X', 'POST', `${base}/requests.json`, '--data-urlencode', 'service_code=otrygg-plats', '--data-urlencode', 'lat=58.40837', '--data-urlencode', 'long=15.564625');
      expect(more.status).toBe(201);
    }
    await server.sql`update reports set status = 'approved', text_public = true where source = 'resident'`; // as a moderator's approval does

    const json = await curl(`${base}/requests/${id}.json`);
    expect(json.status).toBe(200);
    const [request] = JSON.parse(json.body) as Record<string, unknown>[];
    expect(request).toMatchObject({ service_request_id: id, service_code: 'otrygg-plats', status: 'open', description: 'Mörk gångväg, lampan är trasig' });
    expect(request!.lat).not.toBe(58.40837);

    const xml = await curl(`${base}/requests/${id}.xml`);
    expect(xml.status).toBe(200);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>/);
    expect(xml.body).toContain(`<service_request_id>${id}</service_request_id>`);
    expect(xml.body).toContain('<status>open</status>');

    const listed = await curl(`${base}/requests.xml?service_code=otrygg-plats`);
    expect(listed.body).toContain(id);
    const byToken = await curl(`${base}/tokens/${token}.json`);
    expect(JSON.parse(byToken.body)).toEqual([{ service_request_id: id, token }]);

    const missing = await curl(`${base}/requests/00000000-0000-4000-8000-000000000000.xml`);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<errors><error><code>404</code>');
  }, 60_000);
});

// Faults: a loopback TCP proxy of our own sits between the server and the real PostgreSQL
// server and is cut under load, then restored. Every 201 must be in the database, every other
// answer a clear 503 problem+json with Retry-After, and the server must serve again by itself.
// Also: graceful shutdown finishes requests in flight. (The shared PostgreSQL server is never stopped.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { get as httpGet } from 'node:http';
import { startServer, type RunningServer } from '../../server/start-server.ts';
import { createSql, type Sql } from '../../server/db/sql.ts';
import { preparedEmbeddedData } from '../helpers/databases.ts';

const REAL_URL = process.env.TEST_DATABASE_URL;
const RYD = { lat: 58.4094, lon: 15.5636 };

interface Proxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy to host:port; cut() refuses new connections and destroys the open ones. */
async function startProxy(target: { host: string; port: number }): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  await listen();
  return { port, cut: stop, restore: listen, close: stop };
}

interface Outcome {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  marker: string;
  id?: string;
}

async function postReport(url: string, marker: string): Promise<Outcome> {
  const res = await fetch(`${url}/api/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ category: 'klotter', ...RYD, observedAt: '2026-03-01T20:00:00Z', description: marker }),
  });
  const body = (await res.json()) as { id?: string };
  return { status: res.status, contentType: res.headers.get('Content-Type'), retryAfter: res.headers.get('Retry-After'), marker, ...(res.status === 201 ? { id: body.id! } : {}) };
}

describe.runIf(REAL_URL)('PostgreSQL cut under load (real server through a proxy)', () => {
  let proxy: Proxy;
  let server: RunningServer;
  let direct: Sql;
  const schema = `fault_${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    const real = new URL(REAL_URL!);
    proxy = await startProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const viaProxy = new URL(REAL_URL!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startServer({ databaseUrl: viaProxy.toString(), schema, port: 0, logLevel: 'silent', security: { rateLimits: false } });
    direct = createSql(REAL_URL!, { max: 2, schema });
  });
  afterAll(async () => {
    await server?.stop();
    if (direct) {
      await direct`drop schema if exists ${direct(schema)} cascade`;
      await direct.end({ timeout: 5 });
    }
    await proxy?.close();
  });

  it('keeps every acknowledged write, answers 503 with Retry-After while cut, and recovers without a restart', async () => {
    const outcomes: Outcome[] = [];
    let seq = 0;
    const worker = async (n: number) => {
      for (let i = 0; i < n; i++) outcomes.push(await postReport(server.url, `fault-${seq++}`));
    };
    // Phase 1: load, and cut the proxy while 16 workers are mid-flight.
    const load = Promise.all(Array.from({ length: 16 }, () => worker(40)));
    while (outcomes.length < 150) await sleep(5);
    await proxy.cut();
    const cutAt = outcomes.length;
    await load;
    const duringCut = outcomes.slice(cutAt);
    // Phase 2: more requests while the database is unreachable.
    await Promise.all(Array.from({ length: 8 }, () => worker(10)));
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    await proxy.restore();

    // Phase 3: the same server serves again (retry budget, not a time limit).
    let recovered: Outcome | null = null;
    for (let attempt = 0; attempt < 300 && !recovered; attempt++) {
      const o = await postReport(server.url, `fault-${seq++}`);
      outcomes.push(o);
      if (o.status === 201) recovered = o;
      else await sleep(100);
    }
    expect(recovered, 'the server serves again after the database returns').not.toBeNull();
    await Promise.all(Array.from({ length: 8 }, () => worker(10)));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    const ok = outcomes.filter((o) => o.status === 201);
    const failed = outcomes.filter((o) => o.status !== 201);
    expect(failed.length, 'the cut was felt').toBeGreaterThan(0);
    expect(duringCut.length + failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(f.status, f.marker).toBe(503);
      expect(f.contentType).toMatch(/application\/problem\+json/);
      expect(Number(f.retryAfter)).toBeGreaterThan(0);
    }
    const stored = await direct<{ id: string; description: string }[]>`select id, description from reports where description like 'fault-%'`;
    const storedIds = new Set(stored.map((r) => r.id));
    const missing = ok.filter((o) => !storedIds.has(o.id!));
    expect(missing, 'every 201 is in the database').toEqual([]);
    expect(new Set(stored.map((r) => r.description)).size).toBe(stored.length); // nothing stored twice
    expect(ok.length).toBeGreaterThan(150);
  });
});

/** GET over a connection of its own (never a pooled keep-alive one). */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

describe('graceful shutdown', () => {
  it('stops accepting, finishes requests in flight, then closes the database', async () => {
    const server = await startServer({ initialData: await preparedEmbeddedData(), port: 0, logLevel: 'silent', security: { rateLimits: false } });
    await fetch(`${server.url}/healthz`);
    // Requests whose headers have arrived but whose bodies are still coming: surely in flight.
    const bodies = Array.from({ length: 5 }, (_, i) => new TextEncoder().encode(JSON.stringify({ category: 'klotter', ...RYD, observedAt: '2026-03-01T20:00:00Z', description: `shutdown-${i}` })));
    const controllers: ReadableStreamDefaultController<Uint8Array>[] = [];
    const inFlight = bodies.map((bytes) => {
      const body = new ReadableStream<Uint8Array>({ start: (c) => void controllers.push(c) });
      const res = fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) }, body, duplex: 'half' } as RequestInit);
      return { bytes, res };
    });
    inFlight.forEach(({ bytes }, i) => controllers[i]!.enqueue(bytes.slice(0, 10)));
    for (let i = 0; i < 20; i++) await sleep(10); // the headers reach the server
    let stoppedDone = false;
    const stopped = server.stop().then(() => (stoppedDone = true));
    await sleep(50);
    expect(stoppedDone, 'stop waits for the requests in flight').toBe(false);
    await expect(getOnNewConnection(`${server.url}/healthz`), 'no new connections').rejects.toThrow(/ECONNREFUSED/);
    inFlight.forEach(({ bytes }, i) => {
      controllers[i]!.enqueue(bytes.slice(10));
      controllers[i]!.close();
    });
    const answers = await Promise.all(inFlight.map(async ({ res }) => (await res).status));
    expect(answers).toEqual([201, 201, 201, 201, 201]);
    await stopped;
    expect(stoppedDone).toBe(true);
  });
});

// N server processes on one PostgreSQL database agree on everything: sign-in locks, rate limits,
// the heat map, the district index, the map version of the tiles. Two app instances on two
// connection pools stand for two processes; one test starts `WORKERS=2 npm start` for real and
// checks two processes serve one port.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { createServer } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { makeLogger } from '../../server/logger.ts';
import { createSql, type Sql } from '../../server/db/sql.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { PAIR_THROTTLE } from '../../server/auth/policy.ts';
import { DEFAULT_RATE_LIMITS, DEFAULT_SECURITY } from '../../server/auth/options.ts';
import { PROJECT_ROOT } from '../../server/paths.ts';
import { FIXED_NOW, TEST_ORIGIN } from '../helpers/test-app.ts';
import { OSM_FIXTURE, writeOsmFixture } from '../helpers/osm-fixture.ts';
import { importOsmFile } from '../../server/geodata/import-osm.ts';
import { tileRange } from '../../server/domain/tile-schema.ts';
import { currentTileVersion } from '../../server/db/queries/map-tiles.ts';

const URL_ = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const RYD = { lat: 58.4094, lon: 15.5636 };

describe.skipIf(!URL_)('two server processes on one PostgreSQL', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let admin: Sql;
  const pools: Sql[] = [];
  let clock = FIXED_NOW;
  const security = { ...DEFAULT_SECURITY, trustProxy: true, scrypt: { N: 1024, r: 8, p: 1 } };
  const makeProcess = () => {
    const sql = createSql(URL_!, { max: 4, schema });
    pools.push(sql);
    const area = makeAreaCache(sql);
    return { sql, area, app: createApp({ sql, area, now: () => clock, newId: randomUUID, log: makeLogger('silent'), basemapStyleUrl: null, security }) };
  };
  let a: ReturnType<typeof makeProcess>, b: ReturnType<typeof makeProcess>;

  beforeAll(async () => {
    admin = createSql(URL_!, { max: 1 });
    await admin`create schema ${admin(schema)}`;
    const setup = createSql(URL_!, { max: 2, schema });
    await migrate(setup);
    await loadDefaultArea(setup);
    await setup.end();
    a = makeProcess();
    b = makeProcess();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end({ timeout: 5 })));
    await admin`drop schema ${admin(schema)} cascade`;
    await admin.end();
  });

  const login = (p: typeof a, email: string, password: string, ip: string) =>
    p.app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: TEST_ORIGIN, 'X-Forwarded-For': ip }, body: JSON.stringify({ email, password }) });
  const account = async (role: 'chief') => {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.se`;
    const password = `pw-${randomUUID()}`;
    await createAccount(a.sql, { email, role, password }, clock, security.scrypt);
    return { email, password };
  };

  it('locks an account (for an address) through one process and the other refuses it too', async () => {
    const u = await account('chief');
    const ip = '10.9.0.1';
    let locked = false;
    for (let i = 0; i < PAIR_THROTTLE.lockAfter + 1 && !locked; i++) {
      clock += PAIR_THROTTLE.maxDelayMs;
      locked = (await login(a, u.email, 'wrong-wrong', ip)).status === 429;
    }
    expect(locked).toBe(true);
    const other = await login(b, u.email, u.password, ip);
    expect(other.status).toBe(429);
    expect(await other.json()).toMatchObject({ code: 'locked', locked: true });
  });

  it('counts one rate limit across both processes', async () => {
    const limit = DEFAULT_RATE_LIMITS.publicWrite.limit;
    clock += 3_600_000;
    const post = (p: typeof a) =>
      p.app.request('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.9.0.2' }, body: JSON.stringify({ category: 'klotter', ...RYD, observedAt: new Date(clock - 60_000).toISOString() }) });
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) statuses.push((await post(i % 2 ? a : b)).status);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const over = await post(a);
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({ code: 'rate-limited' });
  });

  it("shows a report posted to one process on the other's heat map at once", async () => {
    const analyst = await account('chief');
    const res = await login(b, analyst.email, analyst.password, '10.9.0.3');
    const cookie = /tk_session=([^;]+)/.exec(res.headers.get('Set-Cookie') ?? '')![1]!;
    const heat = async () => {
      const r = await b.app.request('/api/heatmap?res=10&categories=brand&districts=ryd', { headers: { Cookie: `tk_session=${cookie}` } });
      expect(r.status).toBe(200);
      return ((await r.json()) as { cells: { count: number }[] }).cells.reduce((s, c) => s + c.count, 0);
    };
    const before = await heat();
    const posted = await a.app.request('/api/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.9.0.4' }, body: JSON.stringify({ category: 'brand', ...RYD, observedAt: new Date(clock - 3_600_000).toISOString() }) });
    expect(posted.status).toBe(201);
    expect(await heat()).toBe(before + 1);
  });

  it('drops the district index of the other process when the districts change', async () => {
    const idx = await b.area.index();
    expect(idx.locate(RYD.lon, RYD.lat)).toBe('ryd');
    // Process b listens as start-server.ts does; process a changes the districts.
    let notified!: () => void;
    const heard = new Promise<void>((resolve) => (notified = resolve));
    await b.sql.listen('area_changed', () => (b.area.invalidate(), notified()));
    await a.sql`update districts set name = 'Ryd (ny)' where id = 'ryd'`;
    await heard;
    const again = await b.area.index();
    expect(again.districts.find((d) => d.id === 'ryd')?.name).toBe('Ryd (ny)');
  });

  it("serves the other process's OSM import at once to a tile URL naming it, and then to a bare one", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-tiles-'));
    try {
      const at = tileRange([...OSM_FIXTURE.busStop.at, ...OSM_FIXTURE.busStop.at], 15);
      const path = `/tiles/15/${at.x0}/${at.y0}.mvt`;
      const names = async (res: Response) => {
        const l = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())) as never).layers.road;
        return l ? Array.from({ length: l.length }, (_, i) => String(l.feature(i).properties.name ?? '')) : [];
      };
      const before = await b.app.request(path);
      expect(before.status === 204 || !(await names(before)).includes('Örngränd')).toBe(true);
      await b.app.request(path); // held in b's memory now
      await importOsmFile(a.sql, writeOsmFixture(dir)); // through process a's pool: b is told nothing
      const version = await currentTileVersion(a.sql);
      const named = await b.app.request(`${path}?v=${encodeURIComponent(version)}`);
      expect(named.headers.get('Cache-Control')).toContain('immutable');
      expect(await names(named)).toContain('Örngränd');
      clock += 1_000;
      expect(await names(await b.app.request(path))).toContain('Örngränd');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('WORKERS=2 runs two server processes that serve one port', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--enable-source-maps', 'server/start.mjs'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: URL_, DATABASE_SCHEMA: schema, SKIP_CLIENT_BUILD: '1', SEED_DEMO: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('2 server processes')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/);
      expect(children).toHaveLength(2);
      for (const pid of children) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('server/start.mjs');
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/healthz`, { headers: { Connection: 'close' } }).then((r) => r.status)));
      expect(answers.every((s) => s === 200)).toBe(true);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

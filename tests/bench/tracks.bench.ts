// Track ingest through the API on the real PostgreSQL server: 1,000,000 fixes in batches
// (POST /api/tracks/:id/points with Idempotency-Key, presence brought up to date in each batch's
// transaction) from a second process, against a plain INSERT of the same fixes; every
// acknowledged fix must be a stored row. And the presence computation on one core: a whole track
// against latLngToCell over the same fixes, and the incremental step for one batch.
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { latLngToCell } from 'h3-js';
import { createAccount } from '../../server/auth/accounts.ts';
import { insertPoints } from '../../server/db/queries/tracks.ts';
import { cleanTrack } from '../../server/domain/track-clean.ts';
import { computeVisits } from '../../server/domain/presence.ts';
import { advancePresence, checkpointBefore } from '../../server/domain/presence-incremental.ts';
import { visitsToBuckets } from '../../server/domain/track-buckets.ts';
import type { TrackPoint } from '../../server/domain/track-point.ts';
import { isReachable, linkopingArea, openBenchSchema, POSTGRES_URL } from './bench-setup.ts';
import { startApiServer } from './api-server.ts';
import { printTable, timed, type BenchRow } from './bench-table.ts';
import { makeWalk, offsetM, seeded, type Leg } from '../fixtures/tracks/synthetic-walk.ts';

const TOTAL_POINTS = Number(process.env.BENCH_TRACK_POINTS ?? 1_000_000);
const POINTS_PER_TRACK = 2000; // 5.5 h at one fix per 10 s
const BATCH = Number(process.env.BENCH_TRACK_BATCH ?? 1000);
const WORKERS = 16;
const TARGET_PPS = 50_000;
const SELF = fileURLToPath(import.meta.url);

/** A seeded patrol of about `n` fixes around a base: walks between nearby points with stops. */
function patrol(seed: number, n: number, startMs: number): TrackPoint[] {
  const { bases } = linkopingArea();
  const rand = seeded(seed);
  const base = bases[seed % bases.length]!;
  const legs: Leg[] = [];
  let here = { lat: base.lat, lon: base.lon };
  for (let i = 0; i < 200; i++) {
    const next = offsetM(here, (rand() - 0.5) * 400, (rand() - 0.5) * 400);
    // Stay near the base (within ~350 m) so every fix is inside the district.
    const dLat = (next.lat - base.lat) * 111_320, dLon = (next.lon - base.lon) * 58_000; // metres
    here = Math.hypot(dLat, dLon) > 350 ? { lat: base.lat, lon: base.lon } : next;
    legs.push({ to: here, kmh: 4 + rand() * 2 }, { stayMin: 2 + Math.floor(rand() * 12), jitterM: 4 });
  }
  return makeWalk({ lat: base.lat, lon: base.lon }, startMs, legs, { seed }).slice(0, n);
}

interface ChildJob {
  url: string;
  sessions: { cookie: string }[];
  tracks: number;
  perTrack: number;
}

/** The load generator (runs in a child process): WORKERS sessions, each uploading whole tracks in batches. */
async function runChild(job: ChildJob): Promise<{ seconds: number; points: number; errors: number }> {
  const now = Date.now();
  const bodies: string[][] = [];
  for (let t = 0; t < job.tracks; t++) {
    const pts = patrol(t + 1, job.perTrack, now - 30 * 86_400_000 + t * 600_000);
    const batches: string[] = [];
    for (let i = 0; i < pts.length; i += BATCH) batches.push(JSON.stringify({ points: pts.slice(i, i + BATCH).map((p) => ({ t: p.t, lat: p.lat, lon: p.lon, acc: 8 })) }));
    bodies.push(batches);
  }
  let next = 0;
  let points = 0;
  let errors = 0;
  // node:http with keep-alive rather than fetch: on this 2-core machine the client's own CPU
  // comes out of the server's and the database's share.
  const agent = new Agent({ keepAlive: true, maxSockets: job.sessions.length });
  const post = (path: string, headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${job.url}${path}`, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    job.sessions.map(async (s) => {
      const headers = { 'Content-Type': 'application/json', Cookie: s.cookie, Origin: job.url };
      for (let t = next++; t < job.tracks; t = next++) {
        const res = await post('/api/tracks', headers, '{}');
        if (res.status !== 201) { errors++; continue; }
        const { id } = JSON.parse(res.text) as { id: string };
        for (const [i, body] of bodies[t]!.entries()) {
          const r = await post(`/api/tracks/${id}/points`, { ...headers, 'Idempotency-Key': `b${i}` }, body);
          if (r.status === 200) points += (JSON.parse(r.text) as { accepted: number }).accepted;
          else errors++;
        }
        await post(`/api/tracks/${id}/end`, headers, '');
      }
    }),
  );
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, points, errors };
}

function runLoad(job: ChildJob): Promise<{ seconds: number; points: number; errors: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, TRACKS_BENCH_CHILD: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as { seconds: number; points: number; errors: number }));
    child.once('exit', (code) => reject(new Error(`load generator exited (${code}) without a result`)));
    child.send(job);
  });
}

function presenceBench(): BenchRow[] {
  const tracks = Array.from({ length: 50 }, (_, i) => patrol(1000 + i, POINTS_PER_TRACK, Date.parse('2026-11-20T17:00:00Z')));
  const n = tracks.reduce((s, t) => s + t.length, 0);
  let sink = 0;
  const run = () => { for (const t of tracks) sink += visitsToBuckets(computeVisits(cleanTrack(t).points)).length; };
  const cells = () => { for (const t of tracks) for (const p of t) sink += latLngToCell(p.lat, p.lon, 10).length; };
  run(); cells();
  const best = (fn: () => void) => { let b = Infinity; for (let i = 0; i < 3; i++) { const s = performance.now(); fn(); b = Math.min(b, performance.now() - s); } return b / 1000; };
  const s = best(run);
  const c = best(cells);
  // The second of two in-order batches of a track, worked from the first batch's checkpoint.
  const half = POINTS_PER_TRACK / 2;
  const firsts = tracks.map((t) => advancePresence(null, null, t.slice(0, half))!.state);
  const step = () => tracks.forEach((t, i) => {
    const from = checkpointBefore(firsts[i]!, t[half]!.t)!;
    sink += advancePresence(firsts[i]!, from, t.filter((p) => p.t >= from.atMs))!.state.visits.length;
  });
  step();
  const inc = best(step);
  return [
    { name: `incremental presence per batch (${half.toLocaleString('en-US')} new fixes after ${half.toLocaleString('en-US')})`, value: (inc / tracks.length) * 1000, unit: 'ms/batch', lowerIsBetter: true, note: 'from the last checkpoint' },
    { name: `presence per track (${POINTS_PER_TRACK.toLocaleString('en-US')} fixes: clean, visits, hour buckets)`, value: (s / tracks.length) * 1000, unit: 'ms/track', lowerIsBetter: true, note: `${Math.round(n / s).toLocaleString('en-US')} fixes/s` },
    { name: 'presence throughput', value: n / s, unit: 'fixes/s', baseline: n / c, baselineNote: 'latLngToCell per fix', note: sink ? '' : '-' },
  ];
}

async function main() {
  const rows: BenchRow[] = presenceBench();
  if (!(await isReachable())) {
    console.log(`PostgreSQL at ${POSTGRES_URL} is not reachable: skipping the ingest benchmark.`);
    printTable('Patrol tracks', rows);
    return;
  }
  const db = await openBenchSchema(POSTGRES_URL, 20);
  const server = await startApiServer(db.sql);
  try {
    const tracks = Math.ceil(TOTAL_POINTS / POINTS_PER_TRACK);
    const teams = ['ryd', 'skaggetorp', 'berga'];
    const sessions: { cookie: string }[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const email = `bench-field-${i}@example.se`;
      const password = `bench-password-${i}-long-enough`;
      await createAccount(db.sql, { email, role: 'field', team: teams[i % 3]!, password, createTeam: true }, Date.now());
      const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ email, password }) });
      const cookie = /tk_session=[^;]+/.exec(res.headers.get('Set-Cookie') ?? '')?.[0];
      if (!cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
      sessions.push({ cookie });
    }
    console.log(`Ingesting ${TOTAL_POINTS.toLocaleString('en-US')} fixes: ${tracks} tracks × ${POINTS_PER_TRACK} in batches of ${BATCH}, ${WORKERS} concurrent clients (schema ${db.name})…`);
    const load = await runLoad({ url: server.url, sessions, tracks, perTrack: POINTS_PER_TRACK });
    const n = (await db.sql<{ n: number }[]>`select count(*)::int as n from track_points`)[0]!.n;
    if (n !== load.points) throw new Error(`${load.points} fixes were acknowledged but ${n} rows are stored`);
    const m = (await db.sql<{ m: number }[]>`select coalesce(sum(minutes), 0)::float8 as m from track_presence`)[0]!.m;

    // Baseline: the same number of fixes by plain INSERT … unnest in batches, no presence.
    const plain = patrol(1, POINTS_PER_TRACK, Date.now());
    await db.sql`insert into tracks (id, team_id, shift_date, started_at) select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'ryd', current_date, now() from generate_series(1, ${tracks}) g`;
    const { seconds: plainS } = await timed(async () => {
      for (let t = 1; t <= tracks; t++) {
        const id = `00000000-0000-4000-8000-${t.toString(16).padStart(12, '0')}`;
        for (let i = 0; i < plain.length; i += BATCH) await insertPoints(db.sql, id, plain.slice(i, i + BATCH));
      }
    });
    const plainPps = (tracks * POINTS_PER_TRACK) / plainS;
    rows.unshift(
      {
        name: `ingest via API (batches of ${BATCH}, ${WORKERS} clients)`, value: load.points / load.seconds, unit: 'fixes/s', baseline: plainPps, baselineNote: 'plain INSERT unnest, 1 conn',
        target: TARGET_PPS, note: `${n.toLocaleString('en-US')} stored = acknowledged, ${load.errors} errors, ${Math.round(m).toLocaleString('en-US')} presence min`,
      },
      { name: 'plain INSERT unnest into track_points', value: plainPps, unit: 'fixes/s', note: 'same batch size, no HTTP, no presence' },
    );
  } finally {
    await server.stop();
    await db.drop();
  }
  printTable('Patrol tracks', rows);
}

if (process.env.TRACKS_BENCH_CHILD === '1') {
  process.once('message', async (job) => {
    const r = await runChild(job as ChildJob);
    process.send!(r, () => process.exit(0));
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

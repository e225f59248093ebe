// Vector tiles: p95 of GET /tiles/{z}/{x}/{y}.mvt over every area tile at z14–16, cold (cut,
// compressed and queued for storing on that request; the per-version geojson-vt index already
// built) and cached (held in the app's tile memory and answered by the fast path in front of the
// middleware, server/http/tile-response.ts), beside a same-run baseline: a bare Hono app answering
// a static body of the median tile's size. Data: a synthetic city over the three districts
// (a 100-m street grid, four buildings and addresses per block, paths, parks, POIs).
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Hono } from 'hono';
import { createApp } from '../../server/app.ts';
import { makeAreaCache } from '../../server/area-cache.ts';
import { makeLogger } from '../../server/logger.ts';
import type { Sql } from '../../server/db/sql.ts';
import { openDatabase } from '../../server/start-server.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import { geometryBbox, tileRange } from '../../server/domain/tile-schema.ts';
import { isReachable, openBenchSchema, POSTGRES_URL } from './bench-setup.ts';
import { printTable, type BenchRow } from './bench-table.ts';

const BOX: [number, number, number, number] = [15.537, 58.378, 15.659, 58.435];
const STEP_LON = 0.0017; // ≈ 100 m
const STEP_LAT = 0.0009;

interface Row { layer: string; kind: string; name: string | null; props: Record<string, unknown>; geometry: GeoJSON.Geometry }

function syntheticCity(): Row[] {
  const rows: Row[] = [];
  const box = (w: number, s: number, e: number, n: number): GeoJSON.Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
  const nx = Math.floor((BOX[2] - BOX[0]) / STEP_LON);
  const ny = Math.floor((BOX[3] - BOX[1]) / STEP_LAT);
  for (let i = 0; i <= nx; i++) for (let j = 0; j < ny; j++) {
    const x = BOX[0] + i * STEP_LON, y = BOX[1] + j * STEP_LAT;
    rows.push({ layer: 'road', kind: i % 10 === 0 ? 'secondary' : 'residential', name: `Norra gatan ${i}`, props: { lit: 'yes' }, geometry: { type: 'LineString', coordinates: [[x, y], [x, y + STEP_LAT]] } });
  }
  for (let j = 0; j <= ny; j++) for (let i = 0; i < nx; i++) {
    const x = BOX[0] + i * STEP_LON, y = BOX[1] + j * STEP_LAT;
    rows.push({ layer: 'road', kind: j % 10 === 0 ? 'tertiary' : 'residential', name: `Östra vägen ${j}`, props: {}, geometry: { type: 'LineString', coordinates: [[x, y], [x + STEP_LON, y]] } });
    const dx = STEP_LON / 5, dy = STEP_LAT / 5;
    for (let k = 0; k < 4; k++) {
      const bx = x + dx * (0.5 + (k % 2) * 2.2), by = y + dy * (0.5 + Math.floor(k / 2) * 2.2);
      rows.push({ layer: 'building', kind: 'building', name: null, props: { housenumber: String(k * 2 + 1), street: `Östra vägen ${j}` }, geometry: box(bx, by, bx + dx * 1.6, by + dy * 1.6) });
    }
    if ((i + j) % 3 === 0) rows.push({ layer: 'road', kind: 'footway', name: null, props: {}, geometry: { type: 'LineString', coordinates: [[x, y], [x + STEP_LON, y + STEP_LAT]] } });
    if (i % 6 === 0 && j % 6 === 0) rows.push({ layer: 'landuse', kind: 'park', name: `Parken ${i}-${j}`, props: {}, geometry: box(x + STEP_LON * 0.1, y + STEP_LAT * 0.1, x + STEP_LON * 0.9, y + STEP_LAT * 0.9) });
    if ((i * 7 + j * 3) % 40 === 0) rows.push({ layer: 'poi', kind: ['school', 'bus_stop', 'shop', 'pharmacy'][(i + j) % 4]!, name: `Plats ${i}-${j}`, props: {}, geometry: { type: 'Point', coordinates: [x + STEP_LON / 2, y + STEP_LAT / 2] } });
  }
  return rows;
}

async function fill(sql: Sql, rows: Row[]): Promise<void> {
  await sql`delete from map_features`;
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000).map((r) => {
      const [w, s, e, n] = geometryBbox(r.geometry)!;
      return { ...r, min_lon: w, min_lat: s, max_lon: e, max_lat: n };
    });
    await sql`
      insert into map_features (layer, kind, name, props, geometry, min_lon, min_lat, max_lon, max_lat)
      select layer, kind, name, props, geometry, min_lon, min_lat, max_lon, max_lat
      from jsonb_to_recordset(${JSON.stringify(batch)}::text::jsonb)
        as r(layer text, kind text, name text, props jsonb, geometry jsonb, min_lon float8, min_lat float8, max_lon float8, max_lat float8)`;
  }
  await sql`insert into map_meta (key, value) values ('version', '"bench-1"') on conflict (key) do update set value = excluded.value`;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(label: string, sql: Sql): Promise<BenchRow[]> {
  const rows = syntheticCity();
  await fill(sql, rows);
  const app = createApp({ sql, area: makeAreaCache(sql), now: Date.now, newId: randomUUID, log: makeLogger('silent'), basemapStyleUrl: null });
  const tiles: [number, number, number][] = [];
  for (let z = 14; z <= 16; z++) {
    const r = tileRange(BOX, z);
    for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) tiles.push([z, x, y]);
  }
  const headers = { 'Accept-Encoding': 'gzip, br' };
  const get = (t: [number, number, number]) => app.request(`/tiles/${t[0]}/${t[1]}/${t[2]}.mvt`, { headers });
  // The per-version index, built once (by the first request of a version): timed on its own.
  const indexStart = performance.now();
  await (await app.request('/tiles/10/0/0.mvt')).arrayBuffer();
  const indexMs = performance.now() - indexStart;

  const cold: number[] = [];
  const sizes: number[] = [];
  for (const t of tiles) {
    const s = performance.now();
    const res = await get(t);
    const body = new Uint8Array(await res.arrayBuffer());
    cold.push(performance.now() - s);
    if (res.status === 200) sizes.push(body.length);
  }
  const cached: number[] = [];
  for (let pass = 0; pass < 2; pass++) for (const t of tiles) {
    const s = performance.now();
    await (await get(t)).arrayBuffer();
    if (pass === 1) cached.push(performance.now() - s);
  }
  // Baseline: a Hono app answering a static body of the median tile's size from memory.
  const body = new Uint8Array(median(sizes)).fill(7);
  const staticApp = new Hono().get('/static.mvt', (c) => c.body(body, 200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', ETag: '"x"' }));
  const base: number[] = [];
  for (let pass = 0; pass < 2; pass++) for (let i = 0; i < tiles.length; i++) {
    const s = performance.now();
    await (await staticApp.request('/static.mvt')).arrayBuffer();
    if (pass === 1) base.push(performance.now() - s);
  }
  const b = p95(base);
  const note = `${tiles.length} tiles z14–16, ${rows.length.toLocaleString('en-US')} features, median ${median(sizes)} B compressed`;
  const mb = median(base);
  return [
    { name: `${label}: index build (once per version)`, value: indexMs, unit: 'ms', note },
    { name: `${label}: tile p50 cold`, value: median(cold), unit: 'ms', baseline: mb, baselineNote: 'static body p50' },
    { name: `${label}: tile p50 cached`, value: median(cached), unit: 'ms', baseline: mb, baselineNote: 'static body p50' },
    { name: `${label}: tile p95 cold`, value: p95(cold), unit: 'ms', baseline: b, baselineNote: 'static body p95', target: 20, lowerIsBetter: true },
    { name: `${label}: tile p95 cached`, value: p95(cached), unit: 'ms', baseline: b, baselineNote: 'static body p95', target: 1, lowerIsBetter: true },
  ];
}

const results: BenchRow[] = [];
{
  const { sql, embedded } = await openDatabase({});
  await migrate(sql);
  await loadDefaultArea(sql);
  results.push(...(await run('PGlite', sql)));
  await sql.end({ timeout: 5 });
  await embedded?.stop();
}
if (await isReachable()) {
  const schema = await openBenchSchema(POSTGRES_URL);
  results.push(...(await run('PostgreSQL', schema.sql)));
  await schema.drop();
} else {
  console.log(`PostgreSQL at ${POSTGRES_URL} is unreachable: its rows are skipped.`);
}
console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (p95 on a loaded machine is mostly waiting for a core)`);
printTable('Vector tiles (GET /tiles/{z}/{x}/{y}.mvt through the app, Accept-Encoding: gzip, br)', results);

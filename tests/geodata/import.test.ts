// File → database imports of districts, bases and streets, on embedded PGlite and (when configured) a real server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/databases.ts';
import { migrate } from '../../server/db/migrate.ts';
import { listBases, listDistricts } from '../../server/db/queries/districts.ts';
import { countStreets, listStreets, replaceStreets, streetCoverage } from '../../server/db/queries/streets.ts';
import { createSql, type Sql } from '../../server/db/sql.ts';
import { importBasesFile, importDistrictsFile, importStreetsFile, loadDefaultArea } from '../../server/geodata/import-files.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/geodata/${name}`, import.meta.url));
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

interface Backend {
  sql: Sql;
  close: () => Promise<void>;
}

/** An in-memory PGlite, migrated already (the run's prepared database without the area). */
async function embeddedBackend(): Promise<Backend> {
  const db = await openTestDb({ name: 'pglite' }, { area: false });
  return { sql: db.sql, close: db.close };
}

/** A fresh schema on the real server, dropped afterwards. */
async function serverBackend(url: string): Promise<Backend> {
  const schema = `geodata_test_${process.pid}`;
  const admin = createSql(url, { max: 1 });
  await admin`drop schema if exists ${admin(schema)} cascade`;
  await admin`create schema ${admin(schema)}`;
  const sql = createSql(url, { max: 4, schema });
  return {
    sql,
    close: async () => {
      await sql.end();
      await admin`drop schema if exists ${admin(schema)} cascade`;
      await admin.end();
    },
  };
}

const backends: [string, () => Promise<Backend>][] = [['PGlite', embeddedBackend]];
if (serverUrl) backends.push(['PostgreSQL server', () => serverBackend(serverUrl)]);

describe.each(backends)('geodata import on %s', (_label, open) => {
  let db: Backend;
  let sql: Sql;
  let dir: string;

  beforeAll(async () => {
    db = await open();
    sql = db.sql;
    await migrate(sql);
    dir = mkdtempSync(join(tmpdir(), 'geodata-test-'));
  });

  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the default area once when the districts table is empty', async () => {
    expect(await loadDefaultArea(sql)).toEqual({ districts: true, streets: false, deso: true, upgraded: [] });
    expect(await loadDefaultArea(sql)).toEqual({ districts: false, streets: false, deso: false, upgraded: [] });
    const districts = await listDistricts(sql);
    expect(districts.map((d) => [d.id, d.approximate])).toEqual([['berga', false], ['ryd', false], ['skaggetorp', false]]);
    expect(districts[1]!.geometry.type).toBe('Polygon');
    expect(districts[1]!.source).toMatch(/SCB RegSO/);
    const bases = await listBases(sql);
    expect(bases.map((b) => [b.id, b.districtId])).toEqual([
      ['base-berga', 'berga'],
      ['base-ryd', 'ryd'],
      ['base-skaggetorp', 'skaggetorp'],
    ]);
  });

  it('imports OSM XML clipped to the area with districts assigned by midpoint', async () => {
    const lines: string[] = [];
    const summary = await importStreetsFile(sql, fixture('tiny.osm'), { log: (l) => lines.push(l) });
    expect(summary).toMatchObject({ format: 'osm-xml', keptWays: 6, clippedOut: 1, inserted: 5 });
    expect(summary.dropped).toEqual({ 'not-walkable': 3, 'no-foot-access': 2 });
    expect(summary.warnings).toHaveLength(3);
    expect(summary.warnings[0]).toMatch(/^Berga: 0\.1 km — routes there will follow the hex grid/);
    expect(lines.some((l) => l.includes('11 highway ways: 6 kept'))).toBe(true);

    const rows = await listStreets(sql);
    expect(rows.map((r) => [r.osmWayId, r.districtId, r.highway])).toEqual([
      [100, 'ryd', 'footway'],
      [101, 'ryd', 'residential'],
      [104, 'ryd', 'track'],
      [107, null, 'path'], // cut at the box's west edge; its midpoint lies west of Ryd
      [109, 'berga', 'footway'],
    ]);
    expect(rows[0]).toMatchObject({ name: 'Rydsgången', lit: 'yes', coords: [[15.5646, 58.408], [15.5646, 58.409]] });
    expect(rows[0]!.lengthM).toBeCloseTo(111.195, 2);
    expect(rows[3]!.coords[1]![0]).toBeGreaterThan(15.52);
    expect((await listStreets(sql, { districtId: 'berga' })).map((r) => r.osmWayId)).toEqual([109]);

    const coverage = await streetCoverage(sql);
    expect(coverage.map((c) => c.districtId)).toEqual(['berga', 'ryd', 'skaggetorp', null]);
    expect(coverage[1]!.km).toBeCloseTo((111.195 + 192.745 + 80.525) / 1000, 4);
    expect(coverage[2]!.km).toBe(0);
  });

  it('replaces the previous network instead of adding to it', async () => {
    await importStreetsFile(sql, fixture('tiny.osm.pbf'));
    expect(await countStreets(sql)).toBe(5);
    const file = join(dir, 'one.geojson');
    const line = { type: 'LineString', coordinates: [[15.5646, 58.408], [15.5646, 58.409]] };
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Ett', osm_way_id: 7 }, geometry: line }] }));
    const summary = await importStreetsFile(sql, file);
    expect(summary).toMatchObject({ format: 'geojson', inserted: 1 });
    expect((await listStreets(sql)).map((r) => [r.osmWayId, r.name, r.districtId])).toEqual([[7, 'Ett', 'ryd']]);
  });

  it('leaves the old network intact when an import fails', async () => {
    await importStreetsFile(sql, fixture('tiny.osm'));
    const before = await listStreets(sql);
    // A district missing from the table makes the insert fail after the delete, inside the transaction.
    const ghost = { id: 'atlantis', geometry: (await listDistricts(sql)).find((d) => d.id === 'ryd')!.geometry };
    const ways = before.map((r) => ({ osmWayId: r.osmWayId, name: r.name, highway: r.highway, lit: r.lit, coords: r.coords }));
    await expect(replaceStreets(sql, ways, [ghost])).rejects.toThrow(/foreign key/);
    expect(await listStreets(sql)).toEqual(before);

    const truncated = join(dir, 'truncated.osm.pbf');
    writeFileSync(truncated, readFileSync(fixture('tiny.osm.pbf')).subarray(0, 300));
    await expect(importStreetsFile(sql, truncated)).rejects.toThrow(/truncated/);
    expect(await listStreets(sql)).toEqual(before);
  });

  it('replaces a district polygon by id with an imported one', async () => {
    const file = join(dir, 'skaggetorp.geojson');
    const polygon = { type: 'Polygon', coordinates: [[[15.57, 58.42], [15.6, 58.42], [15.6, 58.435], [15.57, 58.435], [15.57, 58.42]]] };
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Skäggetorp', source: 'official' }, geometry: polygon }] }));
    expect(await importDistrictsFile(sql, file)).toEqual(['skaggetorp']);
    const districts = await listDistricts(sql);
    expect(districts).toHaveLength(3);
    expect(districts[2]).toEqual({ id: 'skaggetorp', name: 'Skäggetorp', approximate: false, source: 'official', geometry: polygon });
  });

  it('assigns a base to the district holding it when its file names none it knows', async () => {
    const file = join(dir, 'bases.geojson');
    const feature = (name: string, district: string | null, coordinates: number[]) => ({ type: 'Feature', properties: { name, district }, geometry: { type: 'Point', coordinates } });
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [feature('Nybas', 'nowhere', [15.5646, 58.4085]), feature('Ute', null, [16, 59])] }));
    expect(await importBasesFile(sql, file)).toEqual([{ id: 'nybas', districtId: 'ryd' }, { id: 'ute', districtId: null }]);
  });
});

// import-osm: a synthetic extract (tests/helpers/osm-fixture.ts) as .osm and as .osm.pbf (osmium)
// becomes map_features + streets + map_meta in one transaction, on PGlite and PostgreSQL.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { area as turfArea, booleanPointInPolygon } from '@turf/turf';
import type { Point, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMapMeta } from '../../server/db/queries/map-features.ts';
import type { Sql } from '../../server/db/sql.ts';
import { importOsmFile } from '../../server/geodata/import-osm.ts';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';
import { DEFAULT_NETWORK_FILE, readNetworkFile } from '../../server/geodata/bundled-network.ts';
import { OSM_FIXTURE as F, linesToOsmXml, writeOsmFixture } from '../helpers/osm-fixture.ts';

const hasOsmium = spawnSync('osmium', ['--version']).status === 0;
if (!hasOsmium && process.env.CI) throw new Error('osmium-tool is required in CI for the .osm.pbf import test (apt-get install osmium-tool)');
if (!hasOsmium) console.warn('[tests] osmium is not installed: the .osm.pbf import test is skipped');

interface Row {
  layer: string;
  kind: string;
  name: string | null;
  osm_type: string;
  osm_id: number;
  district_id: string | null;
  props: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

const rowsOf = (sql: Sql) => sql<Row[]>`select layer, kind, name, osm_type, osm_id::float8 as osm_id, district_id, props, geometry from map_features order by id`;

describe.each(databaseTargets())('import-osm on $name', (target) => {
  let db: TestDb;
  let dir: string;
  let osmPath: string;

  beforeAll(async () => {
    db = await openTestDb(target);
    dir = mkdtempSync(join(tmpdir(), 'osm-import-'));
    osmPath = writeOsmFixture(dir);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports every layer of the fixture with names, kinds, props and districts', async () => {
    const s = await importOsmFile(db.sql, osmPath, { version: 'fixture-1' });
    const rows = await rowsOf(db.sql);
    const find = (layer: string, kind: string, name?: string) => rows.filter((r) => r.layer === layer && r.kind === kind && (name === undefined || r.name === name));

    const asg = find('road', 'residential', 'Åsgatan');
    expect(asg).toHaveLength(1);
    expect(asg[0]!.props).toEqual({ lit: 'yes', surface: 'asphalt' });
    expect(asg[0]!.district_id).toBe('ryd');
    expect(asg[0]!.geometry).toEqual({ type: 'LineString', coordinates: F.streets.asgatan.coords });
    expect(find('road', 'tertiary', 'Rydsvägen')[0]!.props).toEqual({ ref: '1050', bridge: true, layer: 1 });
    expect(find('road', 'footway', 'Örngränd')).toHaveLength(1);
    expect(find('road', 'trunk', 'Riksväg 34')[0]!.props).toEqual({ ref: '34' });
    expect(find('rail', 'rail')).toHaveLength(1);

    const buildings = find('building', 'building');
    expect(buildings.map((b) => [b.name, b.props.street, b.props.housenumber, b.props.building])).toEqual([
      ['Åsgården', 'Åsgatan', '12', 'apartments'],
      [null, 'Åsgatan', '14', 'apartments'],
    ]);
    expect(buildings.every((b) => b.geometry.type === 'Polygon' && b.district_id === 'ryd')).toBe(true);
    const addresses = find('address', 'address');
    expect(addresses.map((a) => `${a.props.street} ${a.props.housenumber}`).sort()).toEqual(['Åsgatan 12', 'Åsgatan 14', 'Örngränd 3']);
    expect(addresses.every((a) => a.geometry.type === 'Point')).toBe(true);
    expect(addresses.find((a) => a.props.housenumber === '12')!.props.postcode).toBe('583 30');

    expect(find('landuse', 'park', 'Ärtparken')).toHaveLength(1);
    expect(find('landuse', 'school', 'Rydsskolan')).toHaveLength(1);
    const school = find('poi', 'school', 'Rydsskolan');
    expect(school).toHaveLength(1);
    const schoolPt = school[0]!.geometry as Point;
    expect(booleanPointInPolygon(schoolPt.coordinates, { type: 'Polygon', coordinates: [F.school.ring.map((p) => [...p])] })).toBe(true);
    expect(school[0]!.osm_type).toBe('w');
    expect(find('poi', 'kindergarten', 'Förskolan Gläntan')).toHaveLength(1);
    const bus = find('poi', 'bus_stop', 'Ryds centrum');
    expect(bus[0]!.geometry).toEqual({ type: 'Point', coordinates: F.busStop.at });
    expect(bus[0]!.props.subkind).toBe('highway=bus_stop');
    expect(find('place', 'neighbourhood', 'Rydsgården')[0]!.district_id).toBe('ryd');
    expect(rows.some((r) => r.name === 'Långt borta')).toBe(false);

    expect(s.layers).toMatchObject({ road: 5, building: 2, address: 3, poi: 3, place: 1, water: 1, rail: 1 });
    expect(s.layersByDistrict.building).toEqual({ ryd: 2 });
    expect(s.stats.multipolygons).toBe(1);
    expect(await getMapMeta(db.sql, 'version')).toBe('fixture-1');
    expect(await getMapMeta<{ layers: Record<string, number> }>(db.sql, 'import')).toMatchObject({ file: 'fixture.osm', layers: s.layers, version: 'fixture-1' });
  });

  it('assembles the lake from an outer ring split over two ways, with the island as a hole', async () => {
    const [lake] = (await rowsOf(db.sql)).filter((r) => r.layer === 'water');
    expect(lake!.name).toBe('Lilla Rydsjön');
    expect(lake!.osm_type).toBe('r');
    expect(lake!.props.water).toBe('lake');
    const g = lake!.geometry as Polygon;
    expect(g.type).toBe('Polygon');
    expect(g.coordinates).toHaveLength(2);
    const outerOnly = turfArea({ type: 'Polygon', coordinates: [[...F.lake.outer, F.lake.outer[0]!].map((p) => [...p])] });
    const island = turfArea({ type: 'Polygon', coordinates: [F.lake.island.map((p) => [...p])] });
    expect(turfArea(g)).toBeCloseTo(outerOnly - island, 0);
    expect(lake!.props.area_m2).toBe(Math.round(outerOnly - island));
    const inIsland: [number, number] = [15.566, 58.415];
    expect(booleanPointInPolygon(inIsland, g)).toBe(false);
    expect(booleanPointInPolygon([15.5645, 58.4145], g)).toBe(true);
  });

  it('replaces the walkable network from the same ways (no trunk road, names kept)', async () => {
    const streets = await db.sql<{ name: string; highway: string; lit: string | null; district_id: string }[]>`
      select name, highway, lit, district_id from streets`;
    const byName = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : 1);
    expect(streets.map((s) => [s.name, s.highway, s.lit, s.district_id]).sort(byName)).toEqual([
      ['Rydsvägen', 'tertiary', null, 'ryd'],
      ['Västra Vägen', 'unclassified', null, null], // its midpoint lies west of Ryd
      ['Åsgatan', 'residential', 'yes', 'ryd'],
      ['Örngränd', 'footway', 'no', 'ryd'],
    ]);
  });

  it('imports the same extract as .osm.pbf (osmium cat)', { skip: !hasOsmium }, async () => {
    const pbf = join(dir, 'fixture.osm.pbf');
    execFileSync('osmium', ['cat', osmPath, '-o', pbf, '--overwrite']);
    const before = await rowsOf(db.sql);
    const s = await importOsmFile(db.sql, pbf, { version: 'fixture-pbf' });
    expect(s.format).toBe('osm-pbf');
    const after = await rowsOf(db.sql);
    const key = (r: Row) => JSON.stringify([r.layer, r.kind, r.name, r.osm_type, r.osm_id, r.district_id, r.props, r.geometry]);
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    expect(await getMapMeta(db.sql, 'version')).toBe('fixture-pbf');
  });

  it('imports a .osm.pbf made with osmium from the shared network (bundled, decoded): Ryd routes on streets', { skip: !hasOsmium }, async () => {
    const { lines } = await readNetworkFile(DEFAULT_NETWORK_FILE);
    const osm = join(dir, 'network.osm');
    const pbf = join(dir, 'network.osm.pbf');
    writeFileSync(osm, linesToOsmXml(lines));
    execFileSync('osmium', ['cat', osm, '-o', pbf, '--overwrite']);
    const s = await importOsmFile(db.sql, pbf);
    expect(s.stats.ways).toBe(lines.length);
    expect(s.layers.road).toBeGreaterThan(lines.length * 0.95);
    const ryd = s.streets.coverage.find((c) => c.districtId === 'ryd')!;
    expect(ryd.km).toBeGreaterThan(80);
    const [named] = await db.sql<{ n: number }[]>`select count(*)::int as n from map_features where layer = 'road' and name = 'Rydsvägen'`;
    expect(named!.n).toBeGreaterThan(0);
  });

  it('clips to the districts\' box plus the margin: lines cut, polygons clipped', async () => {
    for (const marginM of [1500, 200]) {
      const s = await importOsmFile(db.sql, osmPath, { marginM });
      const west = s.bbox[0];
      expect(west).toBeCloseTo(15.53678 - marginM / (111195 * Math.cos((58.42690 * Math.PI) / 180)), 4);
      const rows = await rowsOf(db.sql);
      const road = rows.find((r) => r.name === F.edgeRoad.name)!;
      const roadCoords = road.geometry.coordinates as number[][];
      expect(roadCoords[0]![0]).toBeCloseTo(west, 6);
      expect(roadCoords.at(-1)).toEqual(F.edgeRoad.coords.at(-1));
      const forest = rows.find((r) => r.layer === 'landuse' && r.kind === 'forest')!;
      const ring = (forest.geometry as Polygon).coordinates[0]!;
      expect(Math.min(...ring.map((p) => p[0]!))).toBeCloseTo(west, 6);
      expect(Math.max(...ring.map((p) => p[0]!))).toBe(15.55);
      const [street] = await db.sql<{ coords: number[][] }[]>`select coords from streets where name = ${F.edgeRoad.name}`;
      expect(street!.coords[0]![0]).toBeCloseTo(west, 6);
    }
  });

  it.each([
    ['not OSM at all', 'notes.osm', 'hello, this is text\n', /not OpenStreetMap XML/],
    ['truncated XML', 'cut.osm', () => osmFixtureHead(), /truncated|ends inside a tag/],
    ['random bytes as PBF', 'junk.osm.pbf', Buffer.from('0123456789abcdef'.repeat(64)), /not an OSM PBF file/],
    ['truncated PBF', 'cut.osm.pbf', () => truncatedPbf(), /truncated PBF|damaged or truncated/],
  ])('refuses %s with a clear error and keeps the old map', async (_label, name, content, message) => {
    if (name === 'cut.osm.pbf' && !hasOsmium) return;
    await importOsmFile(db.sql, osmPath, { version: 'good' });
    const before = await rowsOf(db.sql);
    const streetsBefore = await db.sql`select count(*)::int as n from streets`;
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'function' ? content() : content);
    await expect(importOsmFile(db.sql, path, { version: 'bad' })).rejects.toThrow(message);
    expect(await rowsOf(db.sql)).toEqual(before);
    expect(await db.sql`select count(*)::int as n from streets`).toEqual(streetsBefore);
    expect(await getMapMeta(db.sql, 'version')).toBe('good');
  });

  function osmFixtureHead(): string {
    const text = readFileSync(osmPath, 'utf8');
    return text.slice(0, Math.floor(text.length * 0.7));
  }

  function truncatedPbf(): Buffer {
    const pbf = join(dir, 'whole.osm.pbf');
    execFileSync('osmium', ['cat', osmPath, '-o', pbf, '--overwrite']);
    const bytes = readFileSync(pbf);
    return bytes.subarray(0, bytes.length - 40);
  }
});

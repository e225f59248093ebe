// The network the repository carries (geodata/linkoping/network.json.gz): small, attributed, and
// loaded on a fresh database into streets (routing) and map_features (roads with names).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMapFeatures, getMapMeta } from '../../server/db/queries/map-features.ts';
import { listStreets, streetCoverage } from '../../server/db/queries/streets.ts';
import { buildWalkGraph } from '../../server/domain/walk-graph.ts';
import { DEFAULT_NETWORK_FILE, readNetworkFile, roadKindOfLine } from '../../server/geodata/bundled-network.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import { decodeNetwork, encodeNetwork } from '../../server/geodata/network-codec.ts';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';

const README = fileURLToPath(new URL('../../geodata/README.md', import.meta.url));

describe('the bundled network file', () => {
  it('stays well under 1 MB and carries the ODbL notice in its README', () => {
    expect(statSync(DEFAULT_NETWORK_FILE).size).toBeLessThan(400_000);
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain('© OpenStreetMap contributors');
    expect(readme).toContain('ODbL');
    expect(readme).toContain('build-network.ts');
  });

  it('decodes to named car roads and unnamed paths inside the area', async () => {
    const { lines } = await readNetworkFile(DEFAULT_NETWORK_FILE);
    expect(lines.length).toBeGreaterThan(10_000);
    const names = new Set(lines.map((l) => l.name));
    expect(names.has('Rydsvägen')).toBe(true);
    expect(lines.filter((l) => l.name === null).length).toBeGreaterThan(lines.length / 2);
    const outside = lines.flatMap((l) => l.coords).filter(([lon, lat]) => !(lon > 15.48 && lon < 15.71 && lat > 58.36 && lat < 58.45));
    expect(outside).toEqual([]);
  });

  it('round-trips lines through the codec at 1e-6° precision', () => {
    const lines = [
      { name: 'Åsgatan', carRoad: true, maxspeed: 30, coords: [[15.5612345, 58.4123456], [15.562, 58.413]] as [number, number][] },
      { name: null, carRoad: false, maxspeed: null, coords: [[15.562, 58.413], [15.5601, 58.41]] as [number, number][] },
    ];
    const back = decodeNetwork(JSON.parse(JSON.stringify(encodeNetwork(lines, { attribution: 'a', licence: 'l', source: 's' }))));
    expect(back).toEqual([
      { ...lines[0], coords: [[15.561235, 58.412346], [15.562, 58.413]] },
      lines[1],
    ]);
    expect(() => decodeNetwork({ format: 'other' })).toThrow(/not a trygghetskartan-network/);
  });

  it('reads the road class from the speed limit of car roads only', () => {
    expect(roadKindOfLine({ carRoad: false, maxspeed: null })).toBe('unknown');
    expect(roadKindOfLine({ carRoad: true, maxspeed: null })).toBe('residential');
    expect(roadKindOfLine({ carRoad: true, maxspeed: 50 })).toBe('tertiary');
    expect(roadKindOfLine({ carRoad: true, maxspeed: 70 })).toBe('secondary');
    expect(roadKindOfLine({ carRoad: true, maxspeed: 110 })).toBe('trunk');
  });
});

describe.each(databaseTargets())('loading the bundled network on $name', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(target);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('fills streets and map_features on an empty database, once', async () => {
    const first = await loadDefaultArea(db.sql, { networkFile: DEFAULT_NETWORK_FILE });
    expect(first).toEqual({ districts: false, streets: true, deso: false, upgraded: [], network: true });
    const version = await getMapMeta<string>(db.sql, 'version');
    expect(version).toMatch(/^network-[0-9a-f]{12}$/);
    const roads = await db.sql<{ kind: string; name: string | null; n: number }[]>`
      select kind, name, count(*)::int as n from map_features where layer = 'road' and district_id = 'ryd' group by kind, name`;
    expect(roads.some((r) => r.name === 'Rydsvägen')).toBe(true);
    expect(roads.some((r) => r.kind === 'unknown' && r.name === null)).toBe(true);
    const ryd = (await streetCoverage(db.sql)).find((c) => c.districtId === 'ryd')!;
    expect(ryd.km).toBeGreaterThan(80);
    const graph = buildWalkGraph(await listStreets(db.sql, { districtId: 'ryd' }), 'streets');
    const sizes = new Map<number, number>();
    for (const c of graph.component) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(sizes.get(graph.mainComponent)! / graph.nodeCount).toBeGreaterThan(0.9);

    const features = await countMapFeatures(db.sql);
    expect(await loadDefaultArea(db.sql, { networkFile: DEFAULT_NETWORK_FILE })).toEqual({ districts: false, streets: false, deso: false, upgraded: [], network: false });
    expect(await countMapFeatures(db.sql)).toBe(features);
    expect(await getMapMeta(db.sql, 'version')).toBe(version);
  });
});

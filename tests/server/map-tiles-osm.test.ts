// Tiles and style over a real import: the synthetic .osm fixture (tests/helpers/osm-fixture.ts)
// imported with import-osm, then cut at z15 over Ryd and decoded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp } from '../helpers/test-app.ts';
import { OSM_FIXTURE, writeOsmFixture } from '../helpers/osm-fixture.ts';
import { importOsmFile } from '../../server/geodata/import-osm.ts';
import { tileRange } from '../../server/domain/tile-schema.ts';
import { NOTE_METADATA_KEY } from '../../server/map/style.ts';

/** Middle of a rectangle's ring. */
const centre = (ring: readonly (readonly [number, number])[]): [number, number] => [(ring[0]![0] + ring[2]![0]) / 2, (ring[0]![1] + ring[2]![1]) / 2];

function propsOf(tile: VectorTile, layer: string): Record<string, unknown>[] {
  const l = tile.layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties) : [];
}

describe.each(databaseTargets())('tiles of an imported OSM extract on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let dir: string;
  beforeAll(async () => {
    t = await makeTestApp(target);
    dir = mkdtempSync(join(tmpdir(), 'tiles-osm-'));
    await importOsmFile(t.sql, writeOsmFixture(dir));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decodes the z15 tile over the fixture to its streets, buildings, park, lake, school and bus stop', async () => {
    const tileAt = async ([lon, lat]: readonly [number, number]) => {
      const r = tileRange([lon, lat, lon, lat], 15);
      const res = await t.app.request(`/tiles/15/${r.x0}/${r.y0}.mvt`);
      expect(res.status).toBe(200);
      return new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())) as never);
    };
    const tile = await tileAt(OSM_FIXTURE.busStop.at);
    expect(propsOf(tile, 'road').map((p) => p.name)).toEqual(expect.arrayContaining(['Åsgatan', 'Örngränd', 'Rydsvägen', 'Riksväg 34']));
    expect(propsOf(tile, 'building').length).toBeGreaterThanOrEqual(2);
    expect(propsOf(tile, 'landuse').map((p) => p.name)).toContain('Ärtparken');
    const lakeTile = await tileAt(OSM_FIXTURE.lake.outer[0]!);
    const lake = propsOf(lakeTile, 'water').findIndex((p) => p.name === 'Lilla Rydsjön');
    expect(lake).toBeGreaterThanOrEqual(0);
    expect(lakeTile.layers.water!.feature(lake).loadGeometry().length).toBe(2); // outer ring and the island
    expect(propsOf(tile, 'poi')).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'Ryds centrum', kind: 'bus_stop', icon: 'bus' }),
      expect.objectContaining({ name: 'Förskolan Gläntan', kind: 'kindergarten' }),
    ]));
    expect(propsOf(await tileAt(centre(OSM_FIXTURE.school.ring)), 'poi')).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Rydsskolan', icon: 'school' })]));
    expect(propsOf(tile, 'rail').length).toBeGreaterThan(0);
  });

  it('drops the shipped-network note from the style once an extract is imported', async () => {
    const style = (await (await t.app.request('/map/style.json')).json()) as { metadata: Record<string, unknown> };
    expect(style.metadata[NOTE_METADATA_KEY]).toBeNull();
    expect(style.metadata['trygghetskartan:has-roads']).toBe(true);
  });
});

// Hotspot cells carry place names, named as the lägesbild names places: a hot cell planted over
// the synthetic .osm fixture (imported with import-osm) is named by the fixture's streets and
// addresses, and cells away from every named place get the district fallback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { FIXED_NOW } from '../helpers/test-app.ts';
import { OSM_FIXTURE, writeOsmFixture } from '../helpers/osm-fixture.ts';
import { importOsmFile } from '../../server/geodata/import-osm.ts';
import { insertReports } from '../../server/db/queries/reports.ts';
import { areaCells } from '../../server/domain/area-cells.ts';
import { placeCacheOf } from '../../server/place-cache.ts';
import { makeAnalyticsApp, reportAt, seeded } from './analytics-helpers.ts';

/** The res-10 cell holding the fixture's address node, Örngränd 3. */
const [ADDR_LON, ADDR_LAT] = OSM_FIXTURE.addressNode.at;
const PLANTED = latLngToCell(ADDR_LAT, ADDR_LON, 10);
const HOUR_MS = 3_600_000;

interface HotspotCell { cell: string; class: number; place: string }

describe.each(databaseTargets())('hotspot place names on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeAnalyticsApp>>;
  let dir: string;
  beforeAll(async () => {
    t = await makeAnalyticsApp(target);
    dir = mkdtempSync(join(tmpdir(), 'hotspot-places-'));
    await importOsmFile(t.sql, writeOsmFixture(dir), { version: 'hotspot-places-1' });
    const ryd = (await t.deps.area.index()).districts.find((d) => d.id === 'ryd')!;
    const rnd = seeded(11);
    const start = FIXED_NOW - 8 * 7 * 24 * HOUR_MS;
    const rows = [];
    // One report in every fifth Ryd cell, and 60 in the planted one.
    for (const [i, cell] of areaCells([ryd], 10).entries()) if (i % 5 === 0 && cell !== PLANTED) {
      const at = start + Math.floor(rnd() * 8 * 7 * 24 * HOUR_MS);
      rows.push(reportAt(cell, 'ryd', at, at));
    }
    for (let i = 0; i < 60; i++) {
      const at = start + Math.floor(rnd() * 8 * 7 * 24 * HOUR_MS);
      rows.push(reportAt(PLANTED, 'ryd', at, at));
    }
    await insertReports(t.sql, rows, target.name === 'postgres' ? 'copy' : 'insert');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the hot cell over the fixture by its streets, as the lägesbild names places', async () => {
    const { status, body } = await t.get('/api/hotspots?res=10&districts=ryd');
    expect(status).toBe(200);
    const cells = body.cells as HotspotCell[];
    const planted = cells.find((c) => c.cell === PLANTED)!;
    expect(planted.class).toBe(3);
    // The fixture's street names, not the district fallback ("… m NV om Ryds centrum").
    expect(planted.place).toMatch(/Örngränd|Åsgatan|Rydsgården|Ärtparken/);
    const [lat, lon] = cellToLatLng(PLANTED);
    const namer = await placeCacheOf(t.deps).namer();
    expect(planted.place).toBe(namer(lon, lat).sv);
    // Every cell is named, each as its centre is.
    for (const c of cells) {
      expect(typeof c.place).toBe('string');
      expect(c.place.length).toBeGreaterThan(0);
    }
    const far = cells.find((c) => {
      const [la, lo] = cellToLatLng(c.cell);
      return Math.abs(la - ADDR_LAT) > 0.01 || Math.abs(lo - ADDR_LON) > 0.02;
    })!;
    expect(far.place).toBe(namer(cellToLatLng(far.cell)[1], cellToLatLng(far.cell)[0]).sv);
    expect(far.place).not.toMatch(/Örngränd|Åsgatan/);
  });

  it('names cells the same again from its memory, and anew after a re-import', async () => {
    const first = ((await t.get('/api/hotspots?res=10&districts=ryd')).body.cells as HotspotCell[]).find((c) => c.cell === PLANTED)!;
    const again = ((await t.get('/api/hotspots?res=10&districts=ryd')).body.cells as HotspotCell[]).find((c) => c.cell === PLANTED)!;
    expect(again.place).toBe(first.place);
    // The fixture without its streets near the cell: the name follows the new place index.
    await t.sql`delete from map_features where name in ('Örngränd', 'Åsgatan', 'Rydsgården', 'Ärtparken', 'Åsgården', 'Rydsskolan', 'Lilla Rydsjön')`;
    await t.sql`delete from map_features where props ->> 'street' in ('Örngränd', 'Åsgatan')`;
    await t.sql`update map_meta set value = '"hotspot-places-2"'::jsonb, updated_at = now() where key = 'version'`;
    const after = ((await t.get('/api/hotspots?res=10&districts=ryd')).body.cells as HotspotCell[]).find((c) => c.cell === PLANTED)!;
    expect(after.place).not.toBe(first.place);
    expect(after.place).not.toMatch(/Örngränd|Åsgatan/);
  });
});

// Place search and reverse geocoding over the synthetic .osm fixture imported with import-osm
// (the real import path, on PGlite and PostgreSQL): "asg" and "Åsg" find Åsgatan; next to a
// fixture address, reverse geocoding names that address; the index follows a re-import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOsmFile } from '../../server/geodata/import-osm.ts';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp } from '../helpers/test-app.ts';
import { OSM_FIXTURE as F, writeOsmFixture } from '../helpers/osm-fixture.ts';

interface PlaceFeature {
  properties: { name: string; kind: string; district: string | null; street: string | null; housenumber: string | null; distanceM?: number; label?: string };
}

describe.each(databaseTargets())('places over an import-osm fixture on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let dir: string;
  beforeAll(async () => {
    t = await makeTestApp(target);
    dir = mkdtempSync(join(tmpdir(), 'places-osm-'));
    await importOsmFile(t.sql, writeOsmFixture(dir), { version: 'places-osm-1' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const search = async (q: string) => ((await (await t.app.request(`/api/places?q=${encodeURIComponent(q)}`)).json()) as { features: PlaceFeature[] }).features;

  it('finds Åsgatan for "asg" and "Åsg", and the fixture school and neighbourhood', async () => {
    expect((await search('asg'))[0]!.properties).toMatchObject({ name: 'Åsgatan', kind: 'street', district: 'Ryd' });
    expect((await search('Åsg'))[0]!.properties.name).toBe('Åsgatan');
    expect((await search('rydsskol')).map((f) => f.properties.name)).toContain(F.school.name);
    expect((await search('rydsg')).map((f) => f.properties.name)).toContain(F.neighbourhood.name);
    expect((await search('åsgatan 1')).map((f) => f.properties.name)).toEqual(['Åsgatan 12', 'Åsgatan 14']);
  });

  it('names the fixture address next to a point', async () => {
    const [w, s] = F.addressNode.at;
    const res = await t.app.request(`/api/places/reverse?lat=${s + 0.00002}&lon=${w}`);
    const f = (await res.json()) as PlaceFeature;
    expect(f.properties).toMatchObject({ kind: 'address', street: F.addressNode.street, housenumber: F.addressNode.housenumber });
    expect(f.properties.distanceM).toBeLessThan(5);
  });
});

// `geodata import-deso`: SCB's DeSO areas with their population replace the loaded ones; a file
// without districts (SCB's own spelling) gets each area's district by where most of it lies.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';
import { importDesoFile } from '../../server/geodata/import-files.ts';
import { listDesoAreas, populationByDistrict } from '../../server/db/queries/deso.ts';
import { parseDesoGeoJson } from '../../server/geodata/deso-geojson.ts';

const carried = fileURLToPath(new URL('../../geodata/linkoping/deso.geojson', import.meta.url));

/** The carried file in SCB's spelling, without districts, every population + 10 (a "newer release"). */
function scbSpelling(): string {
  const fc = JSON.parse(readFileSync(carried, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  for (const f of fc.features) {
    const p = f.properties;
    f.properties = { desokod: p.code, regsokod: p.regso, regsonamn: p.regso_name, population: (p.population as number) + 10 };
  }
  return JSON.stringify(fc);
}

describe('parseDesoGeoJson', () => {
  it('reads both spellings and refuses an area without population', () => {
    const ours = parseDesoGeoJson(readFileSync(carried, 'utf8'));
    const scb = parseDesoGeoJson(scbSpelling());
    expect(scb.map((a) => a.code)).toEqual(ours.map((a) => a.code));
    expect(ours.find((a) => a.code === '0580C1670')?.districtId).toBeNull();
    expect(scb.every((a) => a.districtId === undefined)).toBe(true);
    const broken = JSON.parse(scbSpelling()) as { features: { properties: Record<string, unknown> }[] };
    delete broken.features[0]!.properties.population;
    expect(() => parseDesoGeoJson(JSON.stringify(broken), 'x.geojson')).toThrow(/needs population/);
  });
});

describe.each(databaseTargets())('import-deso on %s', (target) => {
  let db: TestDb;
  const dir = mkdtempSync(join(tmpdir(), 'deso-'));
  beforeAll(async () => {
    db = await openTestDb(target);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the carried areas with the default area', async () => {
    expect(Object.fromEntries(await populationByDistrict(db.sql))).toEqual({ berga: 7334, ryd: 9275, skaggetorp: 8086 });
  });

  it('replaces them with a newer release, placing each area where most of it lies', async () => {
    const file = join(dir, 'scb.geojson');
    writeFileSync(file, scbSpelling());
    const areas = await importDesoFile(db.sql, file);
    expect(areas).toHaveLength(14);
    expect(areas.find((a) => a.code === '0580C1670')?.districtId).toBeNull();
    expect(Object.fromEntries(await populationByDistrict(db.sql))).toEqual({ berga: 7334 + 40, ryd: 9275 + 50, skaggetorp: 8086 + 40 });
    expect((await listDesoAreas(db.sql)).find((a) => a.code === '0580C1610')).toMatchObject({ regso: '0580R018', regsoName: 'Skäggetorp-Tornby', districtId: 'skaggetorp', population: 1974 });
  });
});

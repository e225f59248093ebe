// The real (uncommitted) Linköping network from ../shared/geodata-raw through the project's own import.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStreetsFile } from '../../server/geodata/import-files.ts';
import { openTestDb, type TestDb } from '../helpers/databases.ts';

const STREETS_FILE = fileURLToPath(new URL('../../../shared/geodata-raw/linkoping_highway_graph_osm2018_tdde25.geojson', import.meta.url));
const present = existsSync(STREETS_FILE);
if (!present) console.warn(`skipping the Linköping street coverage test: ${STREETS_FILE} is absent`);

describe.skipIf(!present)('the TDDE25 2018 Linköping network', () => {
  let db: TestDb;

  beforeAll(async () => {
    db = await openTestDb({ name: 'pglite' });
  });

  afterAll(() => db?.close());

  it('covers Ryd well and Berga hardly, and warns about Berga', async () => {
    const summary = await importStreetsFile(db.sql, STREETS_FILE);
    const km = Object.fromEntries(summary.coverage.map((c) => [c.districtId ?? 'outside', c.km]));
    expect(km.ryd).toBeGreaterThan(80);
    expect(km.berga).toBeLessThan(10);
    expect(summary.inserted).toBeGreaterThan(17000);
    expect(summary.warnings.some((w) => w.startsWith('Berga: '))).toBe(true);
    expect(summary.warnings.some((w) => w.startsWith('Ryd: '))).toBe(false);
  });
});

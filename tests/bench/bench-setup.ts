// Shared benchmark setup: the database URL, throw-away schemas, the Linköping area and inputs.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSql, type Sql } from '../../server/db/sql.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDefaultArea } from '../../server/geodata/import-files.ts';
import type { DistrictShape } from '../../server/domain/district-index.ts';
import type { DemoBase } from '../../server/domain/synthetic-reports.ts';

export const POSTGRES_URL = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Fixed "now" for generated data: Monday 2026-03-02 00:00 UTC. */
export const BENCH_NOW = Date.parse('2026-03-02T00:00:00Z');

const geo = (name: string) => JSON.parse(readFileSync(new URL(`../../geodata/linkoping/${name}`, import.meta.url), 'utf8'));

export function linkopingArea(): { districts: DistrictShape[]; bases: DemoBase[] } {
  const districts = geo('districts.geojson').features.map((f: { properties: { id: string; name: string }; geometry: DistrictShape['geometry'] }) => ({
    id: f.properties.id, name: f.properties.name, geometry: f.geometry,
  }));
  const bases = geo('bases.geojson').features.map((f: { properties: { name: string; district: string }; geometry: { coordinates: [number, number] } }) => ({
    name: f.properties.name, districtId: f.properties.district, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1],
  }));
  return { districts, bases };
}

/** A cheap unique UUID per index (benchmarks write into empty tables). */
export function counterId(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

export interface BenchSchema {
  name: string;
  sql: Sql;
  drop(): Promise<void>;
}

/** A fresh migrated schema on the real server with the default area; dropped by drop(). */
export async function openBenchSchema(url = POSTGRES_URL, max = 4): Promise<BenchSchema> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = createSql(url, { max: 1 });
  await admin`create schema ${admin(name)}`;
  const sql = createSql(url, { max, schema: name });
  await migrate(sql);
  await loadDefaultArea(sql);
  return {
    name,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await admin`drop schema ${admin(name)} cascade`;
      await admin.end({ timeout: 5 });
    },
  };
}

/** Whether the real server answers; benchmarks that need it are skipped (with a note) otherwise. */
export async function isReachable(url = POSTGRES_URL): Promise<boolean> {
  const sql = createSql(url, { max: 1 });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

// Demo data: ~20,000 synthetic reports (source 'demo') from a fixed seed, with ids derived from
// seed + index so that running it again, on any day, writes nothing twice.
import { createHash } from 'node:crypto';
import type { Sql } from './sql.ts';
import { countReports } from './queries/reports.ts';
import { listBases, listDistricts } from './queries/districts.ts';
import { listStreets } from './queries/streets.ts';
import { makeDistrictIndex } from '../domain/district-index.ts';
import { iterateDemoReports } from '../domain/synthetic-reports.ts';
import { importReports } from '../import/report-import.ts';

export const DEMO_COUNT = 20_000;
export const DEMO_SEED = 20260101;

export interface SeedOptions {
  count?: number;
  seed?: number;
  /** "Now", ms since epoch; the demo period ends at the start of its ISO week (UTC). */
  nowMs?: number;
  method?: 'copy' | 'insert';
  onProgress?(read: number): void;
}

export interface SeedResult {
  written: number;
  /** Demo reports already in the database from an earlier run. */
  existing: number;
  /** Generated reports the import refused (should be 0). */
  rejected: number;
}

/** Monday 00:00 UTC of the ISO week holding nowMs: demo data stays the same all week. */
export function demoAnchorMs(nowMs: number): number {
  const day = Math.floor(nowMs / 86_400_000);
  const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
  return (day - weekday) * 86_400_000;
}

/** A UUID (RFC 9562 version 8 layout) from sha-256 of the seed and index. */
export function demoReportId(seed: number, index: number): string {
  const h = createHash('sha256').update(`trygghetskartan-demo:${seed}:${index}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Writes the demo reports that are not there yet, into the area already loaded. */
export async function seedDemo(sql: Sql, opts: SeedOptions = {}): Promise<SeedResult> {
  const count = opts.count ?? DEMO_COUNT;
  const seed = opts.seed ?? DEMO_SEED;
  const nowMs = opts.nowMs ?? Date.now();
  const [districts, bases, streets] = await Promise.all([listDistricts(sql), listBases(sql), listStreets(sql)]);
  if (!districts.length) throw new Error('No districts are loaded: import an area (npm run geodata) before seeding.');

  let method = opts.method ?? 'insert';
  if (method === 'copy') {
    // COPY cannot skip ids that exist: after an earlier run, fall back to INSERT … ON CONFLICT DO NOTHING.
    const ids = Array.from({ length: count }, (_, i) => demoReportId(seed, i));
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from reports where id = any(${ids}::uuid[])`;
    if (row!.n > 0) method = 'insert';
  }

  const reports = iterateDemoReports({ districts, bases, streets, count, seed, nowMs: demoAnchorMs(nowMs) });
  const { inserted, rejected } = await importReports(sql, reports, {
    districts: makeDistrictIndex(districts),
    method,
    idFor: (i) => demoReportId(seed, i),
    nowMs,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return { written: inserted, existing: count - inserted - rejected.length, rejected: rejected.length };
}

/** Seeds only a database without any report (the first start); returns the number written. */
export async function seedDemoIfEmpty(sql: Sql, opts: SeedOptions = {}): Promise<number> {
  if ((await countReports(sql)) > 0) return 0;
  return (await seedDemo(sql, opts)).written;
}

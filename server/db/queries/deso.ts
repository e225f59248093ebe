// SCB DeSO areas with their population (table deso_areas): replaced as a whole by an import,
// read for the per-DeSO analytics and the residents per district.
import type { MultiPolygon, Polygon } from 'geojson';
import type { Sql } from '../sql.ts';

export interface DesoRow {
  code: string;
  regso: string;
  regsoName: string;
  districtId: string | null;
  population: number;
  source: string;
  geometry: Polygon | MultiPolygon;
}

/** Replaces every DeSO area in one transaction (a newer SCB release supersedes the old one). */
export async function replaceDesoAreas(sql: Sql, rows: readonly DesoRow[]): Promise<number> {
  await sql.begin(async (tx) => {
    await tx`delete from deso_areas`;
    for (const d of rows) {
      await tx`
        insert into deso_areas (code, regso, regso_name, district_id, population, source, geometry, updated_at)
        values (${d.code}, ${d.regso}, ${d.regsoName}, ${d.districtId}, ${d.population}, ${d.source}, ${JSON.stringify(d.geometry)}::text::jsonb, now())`;
    }
  });
  return rows.length;
}

export async function listDesoAreas(sql: Sql): Promise<DesoRow[]> {
  return sql<DesoRow[]>`
    select code, regso, regso_name as "regsoName", district_id as "districtId", population, source, geometry
    from deso_areas order by code`;
}

export async function countDesoAreas(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from deso_areas`;
  return row?.n ?? 0;
}

/** Residents per district: the sum over its DeSO areas (districts without any are absent). */
export async function populationByDistrict(sql: Sql): Promise<Map<string, number>> {
  const rows = await sql<{ district: string; population: number }[]>`
    select district_id as district, sum(population)::int as population from deso_areas
    where district_id is not null group by 1`;
  return new Map(rows.map((r) => [r.district, r.population]));
}

/** Changes whenever the DeSO areas do: the in-process cell → DeSO cache keys on it. */
export async function desoVersion(sql: Sql): Promise<string> {
  const [r] = await sql<{ v: string }[]>`select count(*)::text || ':' || coalesce(max(updated_at)::text, '') as v from deso_areas`;
  return r!.v;
}

// Risk per cell × ISO weekday × Stockholm hour for route suggestions: a plain aggregate over the
// reports of one district (window midpoint, rejected/merged left out) until the hotspot analytics
// aggregate (issue 4, heat_hours) lands; then this one query reads that table instead.
import { bigintToCell } from '../../domain/cells.ts';
import { riskFromCounts, type RiskSource } from '../../domain/route-risk-model.ts';
import type { Sql } from '../sql.ts';

export interface RouteRisk {
  /** Cells (H3 hex) with at least one report in the lookback. */
  cells: string[];
  risk: RiskSource;
  weeks: number;
  reports: number;
}

/** Default lookback: the 26 weeks before the shift. */
export const RISK_LOOKBACK_WEEKS = 26;

export async function loadRouteRisk(sql: Sql, opts: { districtId: string; untilMs: number; weeks?: number }): Promise<RouteRisk> {
  const weeks = opts.weeks ?? RISK_LOOKBACK_WEEKS;
  const until = new Date(opts.untilMs);
  const since = new Date(opts.untilMs - weeks * 7 * 86400_000);
  const rows = await sql<{ cell: string; dow: number; hour: number; n: number }[]>`
    select cell::text as cell, extract(isodow from m)::int as dow, extract(hour from m)::int as hour, count(*)::int as n
    from (
      select cell, (observed_from + (observed_to - observed_from) / 2) at time zone 'Europe/Stockholm' as m
      from reports
      where district_id = ${opts.districtId}
        and observed_to >= ${since} and observed_from < ${until}
        and status not in ('rejected', 'merged')
    ) r
    group by 1, 2, 3`;
  const counts = new Map<string, Float64Array>();
  let reports = 0;
  for (const r of rows) {
    const cell = bigintToCell(r.cell);
    let a = counts.get(cell);
    if (!a) counts.set(cell, (a = new Float64Array(168)));
    a[(r.dow - 1) * 24 + r.hour]! += r.n;
    reports += r.n;
  }
  return { cells: [...counts.keys()].sort(), risk: riskFromCounts(counts, weeks), weeks, reports };
}

// Risk per cell × ISO weekday × Stockholm hour for route suggestions, read from the analytics
// aggregate heat_hours (migration 00004: aoristic weights per local hour, rejected and merged
// reports already left out) over the weeks before the shift, optionally only the hours after dark
// ("Mörker"). Never scans the raw reports.
import { riskFromCounts, type RiskSource } from '../../domain/route-risk-model.ts';
import { toWallClock } from '../../domain/stockholm-time.ts';
import type { Sql } from '../sql.ts';
import type { DarknessCalendar } from '../../domain/darkness.ts';
import { darknessClause } from './heat.ts';

export interface RouteRisk {
  /** Cells (H3 hex) with any weight in the lookback. */
  cells: string[];
  risk: RiskSource;
  weeks: number;
  /** Reports (window midpoints) counted in the lookback. */
  reports: number;
}

/** Default lookback: the 26 weeks before the shift. */
export const RISK_LOOKBACK_WEEKS = 26;

const p2 = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function loadRouteRisk(sql: Sql, opts: { districtId: string; untilMs: number; weeks?: number; afterDark?: DarknessCalendar | undefined }): Promise<RouteRisk> {
  const weeks = opts.weeks ?? RISK_LOOKBACK_WEEKS;
  // The lookback in Stockholm local dates and hours: [until − weeks, until), the shift's own day up to its hour.
  const w = toWallClock(opts.untilMs);
  const untilDate = `${w.year}-${p2(w.month)}-${p2(w.day)}`;
  const rows = await sql<{ cell: string; dow: number; hour: number; w: number; n: number }[]>`
    select to_hex(cell) as cell, dow::int as dow, hour::int as hour, sum(weight)::float8 as w, sum(count)::int as n
    from heat_hours
    where district_id = ${opts.districtId}
      and local_date >= ${untilDate}::date - ${weeks * 7}::int
      and (local_date < ${untilDate}::date or (local_date = ${untilDate}::date and hour < ${w.hour}))
      ${opts.afterDark ? sql`and ${darknessClause(sql, opts.afterDark, 'dark', isoDay(Date.parse(`${untilDate}T00:00:00Z`) - weeks * 7 * DAY_MS), untilDate)}` : sql``}
    group by 1, 2, 3`;
  const weights = new Map<string, Float64Array>();
  let reports = 0;
  for (const r of rows) {
    let a = weights.get(r.cell);
    if (!a) weights.set(r.cell, (a = new Float64Array(168)));
    a[r.dow * 24 + r.hour]! += r.w; // heat_hours.dow: 0 = Monday
    reports += r.n;
  }
  const cells = [...weights.entries()].filter(([, a]) => a.some((v) => v > 0)).map(([c]) => c).sort();
  return { cells, risk: riskFromCounts(weights, weeks), weeks, reports };
}

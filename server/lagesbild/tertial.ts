// The tertial follow-up: any four months from a first month (Linköping's tertials are
// januari–april, maj–augusti, september–december, but any start is allowed). Reports per
// district × category × month with a trend (E-test of the last two months against the first
// two, over days of exposure, BH FDR 5 %), the places with most reports and how they moved,
// the actions done and open, and their evaluations where an evaluator is wired in.
import { cellToLatLng } from 'h3-js';
import type { Sql } from '../db/sql.ts';
import { eTestRise, eTestFall, eTestTwoSided } from '../domain/poisson-etest.ts';
import { bhSignificant } from '../domain/fdr.ts';
import { isOpenStatus } from '../domain/est.ts';
import { isoWeekOfDate, parseIsoWeek } from '../domain/iso-week.ts';
import { cellAt } from '../db/queries/heat.ts';
import { listActions, type ActionDto } from '../db/queries/est-actions.ts';
import type { LagesbildContext } from './lagesbild.ts';

/**
 * The hook for issue "What works": given the period's actions, their evaluations (e.g. reports
 * at the place before and after against a control). Wire one into the context when the
 * interventions feature lands; until then `evaluations` is empty and `evaluationsAvailable` false.
 */
export type ActionEvaluator = (actions: readonly ActionDto[], period: { from: string; to: string }) => Promise<{ actionId: string; [k: string]: unknown }[]>;

const TERTIAL_MONTHS = 4;
const PLACE_RES = 9;

const monthAdd = (ym: string, n: number) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};
const daysIn = (ym: string) => new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).getUTCDate();

export async function buildTertial(ctx: LagesbildContext & { evaluateActions?: ActionEvaluator }, from: string, districts: readonly string[]) {
  const { sql } = ctx;
  const months = Array.from({ length: TERTIAL_MONTHS }, (_, i) => monthAdd(from, i));
  const fromDate = `${months[0]}-01`;
  const toDate = `${months.at(-1)}-${daysIn(months.at(-1)!)}`;
  const [rows, cells, actions] = await Promise.all([
    monthlyCounts(sql, fromDate, toDate, districts),
    placeCounts(sql, fromDate, toDate, months[2]!, districts),
    listActions(sql, { districts, uptoWeek: isoWeekOfDate(toDate).id }),
  ]);

  const firstDays = daysIn(months[0]!) + daysIn(months[1]!);
  const lastDays = daysIn(months[2]!) + daysIn(months[3]!);
  const keys = [...new Set(rows.map((r) => `${r.district}\u0000${r.category}`))].sort();
  const series = keys.map((k) => {
    const [district, category] = k.split('\u0000') as [string, string];
    const byMonth = months.map((m) => rows.find((r) => r.district === district && r.category === category && r.month === m)?.count ?? 0);
    const first = byMonth[0]! + byMonth[1]!;
    const last = byMonth[2]! + byMonth[3]!;
    return { district, category, months: byMonth, total: first + last, first, last, p: eTestTwoSided(last, lastDays, first, firstDays), up: eTestRise(last, lastDays, first, firstDays) < eTestFall(last, lastDays, first, firstDays) };
  });
  const sig = bhSignificant(series.map((s) => s.p), 0.05);
  const trends = series.map((s, i) => ({
    district: s.district,
    category: s.category,
    months: s.months,
    total: s.total,
    p: s.p,
    trend: sig[i] && Math.max(s.first, s.last) >= 5 ? (s.up ? 'rise' : 'fall') : 'none',
  }));

  // Actions agreed for a week up to the period's end, still open or settled within it.
  const inPeriod = actions.filter((a) => (isOpenStatus(a.status) || a.updatedAt.slice(0, 10) >= fromDate || (parseIsoWeek(a.week)?.monday ?? '') >= fromDate));
  const evaluations = ctx.evaluateActions ? await ctx.evaluateActions(inPeriod, { from: fromDate, to: toDate }) : [];
  return {
    from: months[0],
    to: months.at(-1),
    months,
    fromDate,
    toDate,
    districts: districts.map((d) => ({
      district: d,
      months: months.map((_, i) => trends.filter((t) => t.district === d).reduce((s, t) => s + t.months[i]!, 0)),
      total: trends.filter((t) => t.district === d).reduce((s, t) => s + t.total, 0),
    })),
    trends,
    places: cells.map((c) => {
      const [lat, lon] = cellToLatLng(c.cell);
      return { ...c, place: ctx.placeName(lat, lon) };
    }),
    actions: {
      done: inPeriod.filter((a) => a.status === 'klar').length,
      closedWithoutAction: inPeriod.filter((a) => a.status === 'stangd-utan-atgard').length,
      open: inPeriod.filter((a) => isOpenStatus(a.status)).length,
      items: inPeriod,
    },
    evaluationsAvailable: Boolean(ctx.evaluateActions),
    evaluations,
  };
}

async function monthlyCounts(sql: Sql, fromDate: string, toDate: string, districts: readonly string[]) {
  return sql<{ district: string; category: string; month: string; count: number }[]>`
    select district_id as district, category, to_char(local_date, 'YYYY-MM') as month, sum(count)::int as count
    from heat_hours where local_date between ${fromDate}::date and ${toDate}::date and district_id = any(${districts as string[]}::text[])
    group by 1, 2, 3 having sum(count) > 0`;
}

/** The 10 res-9 cells with most reports per district, split into the first and last two months. */
async function placeCounts(sql: Sql, fromDate: string, toDate: string, secondHalf: string, districts: readonly string[]) {
  return sql<{ district: string; cell: string; total: number; first: number; last: number }[]>`
    select district, cell, total, first, last from (
      select district, to_hex(g) as cell, sum(count)::int as total,
        coalesce(sum(count) filter (where local_date < ${`${secondHalf}-01`}::date), 0)::int as first,
        coalesce(sum(count) filter (where local_date >= ${`${secondHalf}-01`}::date), 0)::int as last,
        row_number() over (partition by district order by sum(count) desc, g) as rank
      from (
        select district_id as district, ${cellAt(sql, PLACE_RES)} as g, local_date, count from heat_hours
        where local_date between ${fromDate}::date and ${toDate}::date and district_id = any(${districts as string[]}::text[])) h
      group by district, g having sum(count) > 0) t
    where rank <= 10 order by district, total desc, cell`;
}

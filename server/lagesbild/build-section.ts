// Builds the live lägesbild of one ISO week, one section per district: key figures with the
// E-test, the weekday × hour pattern beside the 8-week one, emerging hotspots with place names,
// presence against need, partner contributions, reports judged to create otrygghet, the actions
// to follow up with what happened at their places since, the traffic-light grade and the sources.
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import type { Sql } from '../db/sql.ts';
import type { DistrictIndex } from '../domain/district-index.ts';
import { parseIsoWeek, shiftWeek, type IsoWeek } from '../domain/iso-week.ts';
import { detectChanges, DEFAULT_CHANGE_RULE, type ChangeRow } from '../domain/lagesbild-changes.ts';
import { defaultThresholds, gradeDistrict, INDICATOR_IDS, INDICATORS as INDICATOR_TEXT, type Grade, type IndicatorId, type IndicatorResult, type Thresholds } from '../domain/lagesbild-grade.ts';
import { analyseTrends } from '../domain/trend-analysis.ts';
import { areaCells } from '../domain/area-cells.ts';
import { ACTION_STATUSES, isOpenStatus } from '../domain/est.ts';
import type { PlaceNameFn } from '../domain/district-place-name.ts';
import { categoryCounts, estReports, hourPattern, lateReports, presenceByDistrictTeam, reportsAtCells, sourceFacts } from '../db/queries/lagesbild.ts';
import { weeklyCellSeries } from '../db/queries/heat.ts';
import { listActions, type ActionDto } from '../db/queries/est-actions.ts';
import { listNotes, readThresholds } from '../db/queries/lagesbild-store.ts';
import { listDistricts } from '../db/queries/districts.ts';
import { streetCoverage } from '../db/queries/streets.ts';
import { MIN_STREET_KM } from '../geodata/coverage.ts';
import { listOrganisations } from '../db/queries/organisations.ts';
import { buildSources, type SourceNote } from './sources.ts';

/** Resolution of the hotspot cells (≈ 0.1 km²: a block, a square). */
export const HOTSPOT_RES = 9;
const HOTSPOT_PATTERNS = { new: 'new', intensifying: 'intensifying', persistent: 'persistent', diminishing: 'fading' } as const;
export type HotspotKind = (typeof HOTSPOT_PATTERNS)[keyof typeof HOTSPOT_PATTERNS];

export interface Hotspot {
  cell: string;
  kind: HotspotKind;
  place: string;
  /** Aoristic weight per week, the 8 baseline weeks then this week. */
  series: number[];
}

export interface ActionFollowUp extends ActionDto {
  statusLabel: string;
  open: boolean;
  /** Reports at the action's place (its cells and their neighbours) from its creation to the week's end. */
  since: { from: string; to: string; count: number; byCategory: { category: string; count: number }[] };
}

export interface DistrictSection {
  district: string;
  name: string;
  week: string;
  generatedAt: string;
  /** Fraction of the week that had passed when this was built: 1 for a complete week, less while it runs. */
  exposure: number;
  /** `expected`: the baseline's weekly mean scaled to the exposure (what the part of the week so far would bring). */
  totals: { count: number; baseline: number; expected: number };
  changes: ChangeRow[];
  /** 168 values (hour of the week, 0 = Monday 00–01): this week and the baseline weeks' mean. */
  pattern: { week: number[]; baseline: number[] };
  hotspots: Hotspot[];
  /** Reports this week per resolution-9 cell (the PDF's map). */
  cells: { cell: string; count: number }[];
  presence: { minutes: number; presenceShare: number; reports: number; needShare: number; teams: { team: string; minutes: number }[] };
  partners: { organisation: string; name: string; reports: number; otrygghet: number }[];
  otrygghet: { count: number; reports: { id: string; category: string; placeKind: string | null; observedTo: string; cell: string; place: string; organisation: string | null }[] };
  actions: ActionFollowUp[];
  /** Reports of last week that arrived after its meeting froze it (they show here, not there). */
  late: { week: string; count: number; byCategory: { category: string; count: number }[] };
  grade: { grade: Grade; indicators: (IndicatorResult & { sv: string; en: string })[] };
  analysis: string;
  sources: SourceNote[];
}

export interface BuildInput {
  sql: Sql;
  area: DistrictIndex;
  week: IsoWeek;
  nowMs: number;
  placeName: PlaceNameFn;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The fraction of the week that has passed at `nowMs`: 1 once it is over, 0 before it starts. */
export function weekExposure(week: IsoWeek, nowMs: number): number {
  return Math.min(1, Math.max(0, (nowMs - week.startMs) / (week.endMs - week.startMs)));
}

/** The thresholds in force: the chief's stored values over the defaults. */
export async function currentThresholds(sql: Sql): Promise<Record<IndicatorId, Thresholds>> {
  const stored = await readThresholds(sql);
  const t = defaultThresholds();
  for (const id of INDICATOR_IDS) {
    const s = stored.get(id);
    if (s) t[id] = s;
  }
  return t;
}

/** Every district's section of the week (the E-test family always spans all districts). */
export async function buildSections(input: BuildInput): Promise<DistrictSection[]> {
  const { sql, area, week, placeName } = input;
  const rule = DEFAULT_CHANGE_RULE;
  const first = shiftWeek(week, -rule.baselineWeeks);
  const span = { baselineFrom: first.monday, monday: week.monday, sunday: week.sunday };
  const districtIds = area.districts.map((d) => d.id);
  const weekMondays = Array.from({ length: rule.baselineWeeks + 1 }, (_, i) => shiftWeek(first, i).monday);

  const prev = shiftWeek(week, -1);
  const [counts, pattern, est, presence, series, actions, notes, thresholds, facts, districtRows, coverage, orgs, late] = await Promise.all([
    categoryCounts(sql, span),
    hourPattern(sql, span),
    estReports(sql, week.startMs, week.endMs),
    presenceByDistrictTeam(sql, week.monday, week.sunday),
    weeklyCellSeries(sql, { res: HOTSPOT_RES, fromDate: first.monday, toDate: week.sunday, mask: new Array<boolean>(168).fill(true), holidaysAsWeekend: false, refDate: week.sunday }, new Map()),
    listActions(sql, { districts: districtIds, uptoWeek: week.id }),
    listNotes(sql, week.id, districtIds),
    currentThresholds(sql),
    sourceFacts(sql, week.startMs, week.endMs),
    listDistricts(sql),
    streetCoverage(sql),
    listOrganisations(sql),
    lateReports(sql, prev.id, prev.startMs, prev.endMs),
  ]);

  const exposure = weekExposure(week, input.nowMs);
  const changes = detectChanges(counts, rule, exposure);
  const trends = analyseTrends({ universe: areaCells(area.districts, HOTSPOT_RES), weeks: weekMondays, values: series, recentCounts: new Map() });
  const hotspotsByDistrict = new Map<string, Hotspot[]>();
  for (const t of trends) {
    const kind = t.pattern && t.pattern in HOTSPOT_PATTERNS ? HOTSPOT_PATTERNS[t.pattern as keyof typeof HOTSPOT_PATTERNS] : null;
    if (!kind) continue;
    const [lat, lon] = cellToLatLng(t.cell);
    const d = area.locate(lon, lat);
    if (!d) continue;
    const list = hotspotsByDistrict.get(d) ?? hotspotsByDistrict.set(d, []).get(d)!;
    list.push({ cell: t.cell, kind, place: placeName(lat, lon), series: t.series.map(round2) });
  }
  const kindOrder: HotspotKind[] = ['new', 'intensifying', 'persistent', 'fading'];
  for (const list of hotspotsByDistrict.values()) list.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || (b.series.at(-1) ?? 0) - (a.series.at(-1) ?? 0));

  const cellsByDistrict = new Map<string, { cell: string; count: number }[]>();
  for (const v of series) {
    if (v.weekStart !== week.monday || v.count <= 0) continue;
    const [lat, lon] = cellToLatLng(v.cell);
    const d = area.locate(lon, lat);
    if (d) (cellsByDistrict.get(d) ?? cellsByDistrict.set(d, []).get(d)!).push({ cell: v.cell, count: v.count });
  }
  const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
  const totalReports = counts.reduce((s, r) => s + r.count, 0);
  const totalMinutes = presence.reduce((s, r) => s + r.minutes, 0);
  const previousWeek = prev.id;
  const followed = actions.filter((a) => isOpenStatus(a.status) || a.week === previousWeek || a.week === week.id);
  const followUps = await Promise.all(followed.map((a) => followUp(sql, a, week)));
  const sourcesByDistrict = buildSources({ facts, districts: districtRows, coverage, minStreetKm: MIN_STREET_KM, week, rule });
  const generatedAt = new Date(input.nowMs).toISOString();

  return area.districts.map((d): DistrictSection => {
    const dCounts = counts.filter((r) => r.district === d.id);
    const count = dCounts.reduce((s, r) => s + r.count, 0);
    const baseline = dCounts.reduce((s, r) => s + r.baselineTotal, 0) / rule.baselineWeeks;
    const weekPattern = new Array<number>(168).fill(0);
    const basePattern = new Array<number>(168).fill(0);
    for (const p of pattern) {
      if (p.district !== d.id) continue;
      weekPattern[p.how] = round2(p.week);
      basePattern[p.how] = round2(p.baseline / rule.baselineWeeks);
    }
    const dEst = est.filter((r) => r.district === d.id);
    const otrygga = dEst.filter((r) => r.otrygghet === 'ja');
    const byOrg = new Map<string, { reports: number; otrygghet: number }>();
    for (const r of dEst) {
      if (!r.organisation) continue;
      const o = byOrg.get(r.organisation) ?? byOrg.set(r.organisation, { reports: 0, otrygghet: 0 }).get(r.organisation)!;
      o.reports++;
      if (r.otrygghet === 'ja') o.otrygghet++;
    }
    const teams = presence.filter((p) => p.district === d.id).map((p) => ({ team: p.team, minutes: round2(p.minutes) }));
    const minutes = teams.reduce((s, t) => s + t.minutes, 0);
    const dChanges = changes.filter((c) => c.district === d.id);
    const hotspots = hotspotsByDistrict.get(d.id) ?? [];
    const dActions = followUps.filter((a) => a.district === d.id);
    const values: Record<IndicatorId, number> = {
      rises: dChanges.filter((c) => c.change === 'rise').length,
      otrygghet: otrygga.length,
      violence: dCounts.find((r) => r.category === 'hot-vald')?.count ?? 0,
      totalRatio: count / Math.max(baseline * exposure, 1),
      hotspots: hotspots.filter((h) => h.kind === 'new' || h.kind === 'intensifying').length,
      overdueActions: dActions.filter((a) => a.open && a.dueDate !== null && a.dueDate < week.sunday).length,
    };
    const graded = gradeDistrict(values, thresholds);
    return {
      district: d.id,
      name: d.name,
      week: week.id,
      generatedAt,
      exposure: round2(exposure),
      totals: { count, baseline: round2(baseline), expected: round2(baseline * exposure) },
      changes: dChanges,
      pattern: { week: weekPattern, baseline: basePattern },
      hotspots,
      cells: (cellsByDistrict.get(d.id) ?? []).sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell)),
      presence: {
        minutes: round2(minutes),
        presenceShare: totalMinutes > 0 ? round2(minutes / totalMinutes) : 0,
        reports: count,
        needShare: totalReports > 0 ? round2(count / totalReports) : 0,
        teams,
      },
      partners: [...byOrg].map(([id, v]) => ({ organisation: id, name: orgNames.get(id) ?? id, ...v })).sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name)),
      otrygghet: {
        count: otrygga.length,
        reports: otrygga.map((r) => {
          const [lat, lon] = cellToLatLng(r.cell);
          return { id: r.id, category: r.category, placeKind: r.placeKind, observedTo: r.observedTo, cell: r.cell, place: placeName(lat, lon), organisation: r.organisation ? (orgNames.get(r.organisation) ?? r.organisation) : null };
        }),
      },
      actions: dActions,
      late: (() => {
        const byCategory = late.filter((l) => l.district === d.id).map(({ category, count }) => ({ category, count }));
        return { week: prev.id, count: byCategory.reduce((s, x) => s + x.count, 0), byCategory };
      })(),
      grade: { grade: graded.grade, indicators: graded.indicators.map((i) => ({ ...i, sv: INDICATOR_TEXT[i.id].sv, en: INDICATOR_TEXT[i.id].en })) },
      analysis: notes.get(d.id)?.analysis ?? '',
      sources: sourcesByDistrict(d.id),
    };
  });
}


/** What happened at an action's place since the week it was agreed for, up to the end of this week. */
async function followUp(sql: Sql, a: ActionDto, week: IsoWeek): Promise<ActionFollowUp> {
  const reportCells = a.reportIds.length ? await sql<{ cell: string }[]>`select to_hex(cell) as cell from reports where id = any(${a.reportIds}::uuid[])` : [];
  const base = [...a.cells, ...reportCells.map((r) => r.cell), ...(a.hotspotCell ? [a.hotspotCell] : [])].filter((c) => /^[0-9a-f]{15}$/.test(c));
  const cells = [...new Set(base.flatMap(diskAround))];
  const fromMs = parseIsoWeek(a.week)?.endMs ?? Date.parse(a.createdAt);
  const byCategory = await reportsAtCells(sql, cells, fromMs, week.endMs);
  const status = ACTION_STATUSES.find((s) => s.code === a.status);
  return {
    ...a,
    statusLabel: status?.sv ?? a.status,
    open: isOpenStatus(a.status),
    since: { from: new Date(fromMs).toISOString(), to: new Date(week.endMs).toISOString(), count: byCategory.reduce((s, r) => s + r.count, 0), byCategory },
  };
}

/** The cell and its ring-1 neighbours at resolution 10 (children of a coarser hotspot cell's centre). */
function diskAround(cell: string): string[] {
  try {
    const [lat, lon] = cellToLatLng(cell);
    const res10 = latLngToCell(lat, lon, 10);
    return gridDisk(res10, 1);
  } catch {
    return [];
  }
}

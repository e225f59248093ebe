// The lägesbild of a week for a set of districts: each district's frozen snapshot where the
// meeting has held it, the live section otherwise, put together as one JSON document.
import type { Sql } from '../db/sql.ts';
import type { DistrictIndex } from '../domain/district-index.ts';
import type { IsoWeek } from '../domain/iso-week.ts';
import { DEFAULT_CHANGE_RULE } from '../domain/lagesbild-changes.ts';
import type { PlaceNameFn } from '../domain/district-place-name.ts';
import { insertSnapshots, listSnapshots, type Snapshot } from '../db/queries/lagesbild-store.ts';
import { buildSections, type DistrictSection } from './build-section.ts';

export interface LagesbildDoc {
  week: string;
  monday: string;
  sunday: string;
  districts: { id: string; name: string; frozenAt: string | null }[];
  /** Set when every district asked for is frozen: the latest freeze among them. */
  frozenAt: string | null;
  generatedAt: string;
  changeRule: typeof DEFAULT_CHANGE_RULE;
  changes: (DistrictSection['changes'][number])[];
  totals: ({ district: string; exposure: number } & DistrictSection['totals'])[];
  pattern: ({ district: string } & DistrictSection['pattern'])[];
  hotspots: ({ district: string } & DistrictSection['hotspots'][number])[];
  cells: ({ district: string } & DistrictSection['cells'][number])[];
  presence: ({ district: string } & DistrictSection['presence'])[];
  partners: ({ district: string } & DistrictSection['partners'][number])[];
  otrygghet: ({ district: string } & DistrictSection['otrygghet'])[];
  actions: DistrictSection['actions'];
  late: ({ district: string } & DistrictSection['late'])[];
  grades: ({ district: string } & DistrictSection['grade'])[];
  analysis: { district: string; text: string }[];
  sources: ({ district: string } & DistrictSection['sources'][number])[];
}

export interface LagesbildContext {
  sql: Sql;
  area: DistrictIndex;
  nowMs: number;
  placeName: PlaceNameFn;
}

/** The sections of the districts: snapshots where frozen, built live (all districts at once) where not. */
export async function readSections(ctx: LagesbildContext, week: IsoWeek, districts: readonly string[]): Promise<{ section: DistrictSection; frozenAt: string | null }[]> {
  const snaps = await listSnapshots<DistrictSection>(ctx.sql, week.id, districts);
  const live = districts.some((d) => !snaps.has(d)) ? await buildSections({ ...ctx, week }) : [];
  return districts.map((d) => {
    const s: Snapshot<DistrictSection> | undefined = snaps.get(d);
    if (s) return { section: s.section, frozenAt: s.frozenAt };
    const section = live.find((x) => x.district === d);
    if (!section) throw new Error(`no section for district ${d}`);
    return { section, frozenAt: null };
  });
}

export function assemble(week: IsoWeek, parts: readonly { section: DistrictSection; frozenAt: string | null }[], nowMs: number): LagesbildDoc {
  const frozen = parts.every((p) => p.frozenAt !== null) && parts.length > 0;
  const tag = <T extends object>(district: string, x: T) => ({ district, ...x });
  const s = parts.map((p) => p.section);
  return {
    week: week.id,
    monday: week.monday,
    sunday: week.sunday,
    districts: parts.map((p) => ({ id: p.section.district, name: p.section.name, frozenAt: p.frozenAt })),
    frozenAt: frozen ? parts.map((p) => p.frozenAt!).sort().at(-1)! : null,
    generatedAt: frozen ? s.map((x) => x.generatedAt).sort().at(-1)! : new Date(nowMs).toISOString(),
    changeRule: DEFAULT_CHANGE_RULE,
    changes: s.flatMap((x) => x.changes),
    // Snapshots frozen before exposure existed were complete weeks.
    totals: s.map((x) => tag(x.district, { ...x.totals, expected: x.totals.expected ?? x.totals.baseline, exposure: x.exposure ?? 1 })),
    pattern: s.map((x) => tag(x.district, x.pattern)),
    hotspots: s.flatMap((x) => x.hotspots.map((h) => tag(x.district, h))),
    cells: s.flatMap((x) => x.cells.map((h) => tag(x.district, h))),
    presence: s.map((x) => tag(x.district, x.presence)),
    partners: s.flatMap((x) => x.partners.map((p) => tag(x.district, p))),
    otrygghet: s.map((x) => tag(x.district, x.otrygghet)),
    actions: s.flatMap((x) => x.actions),
    late: s.map((x) => tag(x.district, x.late)),
    grades: s.map((x) => tag(x.district, x.grade)),
    analysis: s.map((x) => ({ district: x.district, text: x.analysis })),
    sources: s.flatMap((x) => x.sources.map((n) => tag(x.district, n))),
  };
}

export async function readLagesbild(ctx: LagesbildContext, week: IsoWeek, districts: readonly string[]): Promise<LagesbildDoc> {
  return assemble(week, await readSections(ctx, week, districts), ctx.nowMs);
}

/** Holds the meeting: freezes the week's sections of the districts not yet frozen. Returns those it froze. */
export async function freezeWeek(ctx: LagesbildContext, week: IsoWeek, districts: readonly string[], by: string): Promise<string[]> {
  const parts = await readSections(ctx, week, districts);
  const toFreeze = parts.filter((p) => p.frozenAt === null).map((p) => ({ district: p.section.district, section: p.section }));
  return insertSnapshots(ctx.sql, week.id, toFreeze, by, new Date(ctx.nowMs));
}

// Public disclosure: the admin's overrides (table public_disclosure), the SQL form of the rule
// "may this report be a public pin" (server/domain/disclosure.ts), and the weekly counts per
// district that are all the public sees of the withheld reports.
import type { Sql, Tx } from '../sql.ts';
import { MODERATED_SOURCES, makeDisclosurePolicy, type DisclosureKind, type DisclosureOverride, type DisclosurePolicy } from '../../domain/disclosure.ts';

export async function listDisclosureOverrides(sql: Sql | Tx): Promise<DisclosureOverride[]> {
  return sql<DisclosureOverride[]>`select kind, value, public from public_disclosure order by kind, value`;
}

/** The current policy: defaults with the stored overrides. Read per request (a handful of rows), so every process agrees at once. */
export async function loadDisclosurePolicy(sql: Sql | Tx): Promise<DisclosurePolicy> {
  return makeDisclosurePolicy(await listDisclosureOverrides(sql));
}

/** Stores one setting (an override of the default). */
export async function setDisclosure(tx: Tx, s: { kind: DisclosureKind; value: string; public: boolean; by: string | null; at: Date }): Promise<void> {
  await tx`
    insert into public_disclosure (kind, value, public, updated_at, updated_by)
    values (${s.kind}, ${s.value}, ${s.public}, ${s.at}, ${s.by})
    on conflict (kind, value) do update set public = excluded.public, updated_at = excluded.updated_at, updated_by = excluded.updated_by`;
}

/** Which life stages the public asks for: open (approved, or new/confirmed for unmoderated sources) and closed. */
export interface DisclosedStages {
  open: boolean;
  closed: boolean;
}

/** Stages from the stored statuses a client asked for (new, approved, confirmed → open; closed → closed; others → neither). */
export function stagesOf(statuses: readonly string[]): DisclosedStages {
  return { open: statuses.some((s) => s === 'new' || s === 'approved' || s === 'confirmed'), closed: statuses.includes('closed') };
}

/**
 * `r` may be a public pin: a public source and category; for sources that go through
 * moderation, approved by it (text_public, status approved or closed); for other public
 * sources (demo by default; any an admin opened) not rejected or merged.
 */
export function disclosedWhere(sql: Sql, p: DisclosurePolicy, stages: DisclosedStages) {
  const moderated = [...(stages.open ? ['approved'] : []), ...(stages.closed ? ['closed'] : [])];
  const unmoderated = [...(stages.open ? ['new', 'approved', 'confirmed'] : []), ...(stages.closed ? ['closed'] : [])];
  if (p.sources.length === 0 || p.categories.length === 0 || moderated.length === 0) return sql`false`;
  return sql`r.source in ${sql(p.sources as string[])} and r.category in ${sql(p.categories as string[])}
    and (case when r.source in ${sql(MODERATED_SOURCES as string[])} then r.text_public and r.status in ${sql(moderated)}
              else r.status in ${sql(unmoderated)} end)`;
}

export interface WeeklyCountRow {
  district: string;
  /** Monday of the ISO week (Europe/Stockholm), YYYY-MM-DD. */
  week: string;
  category: string;
  count: number;
}

/**
 * Reports withheld from the public pins (a non-public source or category), counted per district,
 * local ISO week of observed_to and category. Rejected and merged reports never count; reports
 * of moderated sources count once approved.
 */
export async function weeklyWithheldCounts(sql: Sql, p: DisclosurePolicy, from: Date, to: Date): Promise<WeeklyCountRow[]> {
  const withheld = sql`(${p.sources.length ? sql`r.source not in ${sql(p.sources as string[])}` : sql`true`}
    or ${p.categories.length ? sql`r.category not in ${sql(p.categories as string[])}` : sql`true`})`;
  return sql<WeeklyCountRow[]>`
    select r.district_id as district,
           to_char(date_trunc('week', r.observed_to at time zone 'Europe/Stockholm'), 'YYYY-MM-DD') as week,
           r.category, count(*)::int as count
    from reports r
    where ${withheld} and r.observed_to >= ${from} and r.observed_to < ${to}
      and r.status not in ('rejected', 'merged')
      and (r.source not in ${sql(MODERATED_SOURCES as string[])} or (r.text_public and r.status in ('approved', 'closed')))
    group by 1, 2, 3 order by 2, 1, 3`;
}

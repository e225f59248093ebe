// What the lägesbild keeps: analysis notes, comments, frozen snapshots per week and district,
// the grade thresholds the chief set, and the drafts the Monday job made.
import type { Sql, Tx } from '../sql.ts';
import type { IndicatorId, Thresholds } from '../../domain/lagesbild-grade.ts';

export interface CommentDto {
  id: string;
  district: string;
  author: string;
  organisation: string | null;
  body: string;
  createdAt: string;
}

export async function listNotes(sql: Sql | Tx, week: string, districts: readonly string[]): Promise<Map<string, { analysis: string; updatedAt: string }>> {
  const rows = await sql<{ district: string; analysis: string; updatedAt: Date }[]>`
    select district_id as district, analysis, updated_at as "updatedAt" from lagesbild_notes
    where week = ${week} and district_id = any(${districts as string[]}::text[])`;
  return new Map(rows.map((r) => [r.district, { analysis: r.analysis, updatedAt: r.updatedAt.toISOString() }]));
}

export async function upsertNote(sql: Sql | Tx, n: { week: string; district: string; analysis: string; by: string; at: Date }): Promise<void> {
  await sql`
    insert into lagesbild_notes (week, district_id, analysis, updated_by, updated_at) values (${n.week}, ${n.district}, ${n.analysis}, ${n.by}, ${n.at})
    on conflict (week, district_id) do update set analysis = excluded.analysis, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
}

export async function listComments(sql: Sql | Tx, week: string, districts: readonly string[]): Promise<CommentDto[]> {
  const rows = await sql<(Omit<CommentDto, 'createdAt'> & { createdAt: Date })[]>`
    select id, district_id as district, author_label as author, organisation, body, created_at as "createdAt" from lagesbild_comments
    where week = ${week} and district_id = any(${districts as string[]}::text[]) order by created_at, id`;
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function insertComment(sql: Sql | Tx, c: { id: string; week: string; district: string; authorId: string; author: string; organisation: string | null; body: string; at: Date }): Promise<CommentDto> {
  await sql`
    insert into lagesbild_comments (id, week, district_id, author_id, author_label, organisation, body, created_at)
    values (${c.id}, ${c.week}, ${c.district}, ${c.authorId}, ${c.author}, ${c.organisation}, ${c.body}, ${c.at})`;
  return { id: c.id, district: c.district, author: c.author, organisation: c.organisation, body: c.body, createdAt: c.at.toISOString() };
}

export interface Snapshot<T> {
  district: string;
  frozenAt: string;
  section: T;
}

export async function listSnapshots<T>(sql: Sql | Tx, week: string, districts: readonly string[]): Promise<Map<string, Snapshot<T>>> {
  const rows = await sql<{ district: string; frozenAt: Date; section: T }[]>`
    select district_id as district, frozen_at as "frozenAt", section from lagesbild_snapshots
    where week = ${week} and district_id = any(${districts as string[]}::text[])`;
  return new Map(rows.map((r) => [r.district, { district: r.district, frozenAt: r.frozenAt.toISOString(), section: r.section }]));
}

/** Stores the sections not frozen yet; returns the districts this call froze. */
export async function insertSnapshots(sql: Sql | Tx, week: string, sections: readonly { district: string; section: unknown }[], by: string, at: Date): Promise<string[]> {
  if (!sections.length) return [];
  const rows = await sql<{ district: string }[]>`
    insert into lagesbild_snapshots (week, district_id, frozen_at, frozen_by, section)
    select ${week}, d, ${at}, ${by}, s from unnest(${sections.map((s) => s.district)}::text[], ${sections.map((s) => JSON.stringify(s.section))}::text[]::jsonb[]) as u(d, s)
    on conflict (week, district_id) do nothing
    returning district_id as district`;
  return rows.map((r) => r.district);
}

export async function readThresholds(sql: Sql | Tx): Promise<Map<string, Thresholds>> {
  const rows = await sql<{ indicator: string; gul: number; orange: number; rod: number }[]>`select indicator, gul, orange, rod from lagesbild_thresholds`;
  return new Map(rows.map((r) => [r.indicator, { gul: r.gul, orange: r.orange, rod: r.rod }]));
}

export async function upsertThresholds(sql: Sql | Tx, t: Partial<Record<IndicatorId, Thresholds>>, by: string, at: Date): Promise<void> {
  for (const [indicator, v] of Object.entries(t)) {
    if (!v) continue;
    await sql`
      insert into lagesbild_thresholds (indicator, gul, orange, rod, updated_by, updated_at) values (${indicator}, ${v.gul}, ${v.orange}, ${v.rod}, ${by}, ${at})
      on conflict (indicator) do update set gul = excluded.gul, orange = excluded.orange, rod = excluded.rod, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
  }
}

export interface DraftDto {
  week: string;
  createdAt: string;
  createdBy: string;
  mailed: number;
  mailNote: string | null;
}

export async function getDraft(sql: Sql | Tx, week: string): Promise<DraftDto | null> {
  const [r] = await sql<(Omit<DraftDto, 'createdAt'> & { createdAt: Date })[]>`
    select week, created_at as "createdAt", created_by as "createdBy", mailed, mail_note as "mailNote" from lagesbild_drafts where week = ${week}`;
  return r ? { ...r, createdAt: r.createdAt.toISOString() } : null;
}

/** Creates the week's draft unless it exists; true when this call created it. */
export async function insertDraft(sql: Sql | Tx, week: string, by: string, at: Date): Promise<boolean> {
  const res = await sql`insert into lagesbild_drafts (week, created_at, created_by) values (${week}, ${at}, ${by}) on conflict (week) do nothing`;
  return res.count > 0;
}

export async function recordDraftMail(sql: Sql | Tx, week: string, mailed: number, note: string | null): Promise<void> {
  await sql`update lagesbild_drafts set mailed = ${mailed}, mail_note = ${note} where week = ${week}`;
}

/** Claims a scheduled run: true for exactly one caller per (kind, runKey), whatever the processes. */
export async function claimJob(sql: Sql | Tx, kind: string, runKey: string, at: Date): Promise<boolean> {
  const res = await sql`insert into scheduled_jobs (kind, run_key, started_at) values (${kind}, ${runKey}, ${at}) on conflict do nothing`;
  return res.count > 0;
}

export async function finishJob(sql: Sql | Tx, kind: string, runKey: string, result: unknown, at: Date): Promise<void> {
  await sql`update scheduled_jobs set finished_at = ${at}, result = ${JSON.stringify(result)}::jsonb where kind = ${kind} and run_key = ${runKey}`;
}

// est_actions: what an EST meeting agreed (what, where, who, by when) and how it went.
import type { Sql, Tx } from '../sql.ts';

export interface ActionDto {
  id: string;
  week: string;
  district: string;
  what: string;
  place: string | null;
  cells: string[];
  reportIds: string[];
  hotspotCell: string | null;
  organisation: string | null;
  responsiblePerson: string | null;
  dueDate: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

/** A new action: the stored fields without the timestamps, plus who made it and when. */
export type NewAction = Omit<ActionDto, 'createdAt' | 'updatedAt'> & { createdBy: string | null; at: Date };

const ACTION_COLUMNS = (sql: Sql | Tx) => sql`
  id, week, district_id as district, what, place, cells, report_ids::text[] as "reportIds", hotspot_cell as "hotspotCell",
  organisation_id as organisation, responsible_person as "responsiblePerson", to_char(due_date, 'YYYY-MM-DD') as "dueDate",
  status, created_at as "createdAt", updated_at as "updatedAt"`;

const toAction = (r: Record<string, unknown>): ActionDto => ({ ...(r as unknown as ActionDto), createdAt: (r.createdAt as Date).toISOString(), updatedAt: (r.updatedAt as Date).toISOString() });

export async function insertAction(sql: Sql | Tx, a: NewAction): Promise<ActionDto> {
  const [row] = await sql`
    insert into est_actions (id, week, district_id, what, place, cells, report_ids, hotspot_cell, organisation_id, responsible_person, due_date, status, created_by, created_at, updated_at)
    values (${a.id}, ${a.week}, ${a.district}, ${a.what}, ${a.place}, ${a.cells}::text[], ${a.reportIds}::uuid[], ${a.hotspotCell}, ${a.organisation},
            ${a.responsiblePerson}, ${a.dueDate}::date, ${a.status}, ${a.createdBy}, ${a.at}, ${a.at})
    returning ${ACTION_COLUMNS(sql)}`;
  return toAction(row!);
}

export type ActionPatch = Partial<Pick<NewAction, 'what' | 'place' | 'cells' | 'reportIds' | 'hotspotCell' | 'organisation' | 'responsiblePerson' | 'dueDate' | 'status'>>;

export async function updateAction(sql: Sql | Tx, id: string, p: ActionPatch, at: Date): Promise<ActionDto | null> {
  const keep = <T>(v: T | undefined, col: string) => (v === undefined ? sql(col) : v);
  const [row] = await sql`
    update est_actions set
      what = ${keep(p.what, 'what')}, place = ${keep(p.place, 'place')},
      cells = ${p.cells === undefined ? sql`cells` : sql`${p.cells}::text[]`},
      report_ids = ${p.reportIds === undefined ? sql`report_ids` : sql`${p.reportIds}::uuid[]`},
      hotspot_cell = ${keep(p.hotspotCell, 'hotspot_cell')}, organisation_id = ${keep(p.organisation, 'organisation_id')},
      responsible_person = ${keep(p.responsiblePerson, 'responsible_person')},
      due_date = ${p.dueDate === undefined ? sql`due_date` : sql`${p.dueDate}::date`},
      status = ${keep(p.status, 'status')}, updated_at = ${at}
    where id = ${id}
    returning ${ACTION_COLUMNS(sql)}`;
  return row ? toAction(row) : null;
}

export async function getAction(sql: Sql | Tx, id: string): Promise<ActionDto | null> {
  const [row] = await sql`select ${ACTION_COLUMNS(sql)} from est_actions where id = ${id}`;
  return row ? toAction(row) : null;
}

/** Actions of the districts agreed at or before `uptoWeek` (ISO week ids sort as text). */
export async function listActions(sql: Sql | Tx, f: { districts: readonly string[]; uptoWeek?: string; fromWeek?: string; createdBefore?: Date }): Promise<ActionDto[]> {
  const rows = await sql`
    select ${ACTION_COLUMNS(sql)} from est_actions
    where district_id = any(${f.districts as string[]}::text[])
      ${f.uptoWeek ? sql`and week <= ${f.uptoWeek}` : sql``}
      ${f.fromWeek ? sql`and week >= ${f.fromWeek}` : sql``}
      ${f.createdBefore ? sql`and created_at < ${f.createdBefore}` : sql``}
    order by week, created_at, id`;
  return rows.map(toAction);
}

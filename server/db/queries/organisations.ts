// Organisations (EST partners) and their members: which organisation a partner account belongs
// to and which districts it works in.
import type { Sql, Tx } from '../sql.ts';

export interface OrganisationDto {
  id: string;
  name: string;
  kind: string;
  members: MemberDto[];
}

export interface MemberDto {
  userId: string;
  email: string;
  role: string;
  districts: string[];
}

export interface Membership {
  organisationId: string;
  organisationName: string;
  districts: string[];
}

/** The organisation and districts of an account, or null when it belongs to none. */
export async function membershipOf(sql: Sql | Tx, userId: string): Promise<Membership | null> {
  const [row] = await sql<Membership[]>`
    select m.organisation_id as "organisationId", o.name as "organisationName", m.districts
    from organisation_members m join organisations o on o.id = m.organisation_id
    where m.user_id = ${userId}`;
  return row ?? null;
}

export async function listOrganisations(sql: Sql | Tx): Promise<OrganisationDto[]> {
  const [orgs, members] = await Promise.all([
    sql<{ id: string; name: string; kind: string }[]>`select id, name, kind from organisations order by name`,
    sql<(MemberDto & { organisationId: string })[]>`
      select m.organisation_id as "organisationId", m.user_id as "userId", u.email, u.role, m.districts
      from organisation_members m join users u on u.id = m.user_id order by lower(u.email)`,
  ]);
  return orgs.map((o) => ({ ...o, members: members.filter((m) => m.organisationId === o.id).map(({ organisationId: _, ...m }) => m) }));
}

export async function upsertOrganisation(sql: Sql | Tx, o: { id: string; name: string; kind: string }): Promise<void> {
  await sql`
    insert into organisations (id, name, kind) values (${o.id}, ${o.name}, ${o.kind})
    on conflict (id) do update set name = excluded.name, kind = excluded.kind`;
}

export async function deleteOrganisation(sql: Sql | Tx, id: string): Promise<boolean> {
  const res = await sql`delete from organisations where id = ${id}`;
  return res.count > 0;
}

export async function organisationExists(sql: Sql | Tx, id: string): Promise<boolean> {
  const [row] = await sql`select 1 from organisations where id = ${id}`;
  return Boolean(row);
}

/** Makes the account a member of the organisation (moving it from any other) with its districts. */
export async function setMember(sql: Sql | Tx, m: { userId: string; organisationId: string; districts: readonly string[] }): Promise<void> {
  await sql`
    insert into organisation_members (user_id, organisation_id, districts) values (${m.userId}, ${m.organisationId}, ${m.districts as string[]}::text[])
    on conflict (user_id) do update set organisation_id = excluded.organisation_id, districts = excluded.districts`;
}

export async function removeMember(sql: Sql | Tx, organisationId: string, userId: string): Promise<boolean> {
  const res = await sql`delete from organisation_members where organisation_id = ${organisationId} and user_id = ${userId}`;
  return res.count > 0;
}

/** E-mail addresses of the enabled partner accounts of organisations working in any of the districts. */
export async function partnerRecipients(sql: Sql | Tx): Promise<{ email: string; districts: string[]; organisation: string }[]> {
  return sql<{ email: string; districts: string[]; organisation: string }[]>`
    select u.email, m.districts, o.name as organisation
    from organisation_members m join users u on u.id = m.user_id join organisations o on o.id = m.organisation_id
    where u.disabled_at is null and u.role = 'partner' and cardinality(m.districts) > 0
    order by lower(u.email)`;
}

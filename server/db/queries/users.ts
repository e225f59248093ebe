// Users and teams: accounts with a role and an optional team.
import type { Sql, Tx } from '../sql.ts';
import type { AccountRole } from '../../auth/permissions.ts';

export interface UserDto {
  id: string;
  email: string;
  role: AccountRole;
  team: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface UserWithHash extends UserDto {
  passwordHash: string;
}

export interface TeamDto {
  id: string;
  name: string;
  district: string | null;
}

const USER_COLUMNS = (sql: Sql | Tx) => sql`
  id, email, role, team_id as team, disabled_at is not null as disabled, created_at as "createdAt"`;

function toUser(r: Record<string, unknown>): UserDto {
  return { id: r.id as string, email: r.email as string, role: r.role as AccountRole, team: (r.team as string | null) ?? null, disabled: r.disabled as boolean, createdAt: (r.createdAt as Date).toISOString() };
}

export async function insertUser(sql: Sql | Tx, u: { id: string; email: string; passwordHash: string; role: AccountRole; team: string | null; at: Date }): Promise<UserDto> {
  const [row] = await sql`
    insert into users (id, email, password_hash, role, team_id, password_changed_at, created_at, updated_at)
    values (${u.id}, ${u.email}, ${u.passwordHash}, ${u.role}, ${u.team}, ${u.at}, ${u.at}, ${u.at})
    returning ${USER_COLUMNS(sql)}`;
  return toUser(row!);
}

export async function findUserByEmail(sql: Sql | Tx, email: string): Promise<UserWithHash | null> {
  const [row] = await sql`select ${USER_COLUMNS(sql)}, password_hash from users where lower(email) = lower(${email})`;
  return row ? { ...toUser(row), passwordHash: row.password_hash as string } : null;
}

export async function findUserById(sql: Sql | Tx, id: string): Promise<UserWithHash | null> {
  const [row] = await sql`select ${USER_COLUMNS(sql)}, password_hash from users where id = ${id}`;
  return row ? { ...toUser(row), passwordHash: row.password_hash as string } : null;
}

export async function listUsers(sql: Sql | Tx): Promise<UserDto[]> {
  const rows = await sql`select ${USER_COLUMNS(sql)} from users order by lower(email)`;
  return rows.map(toUser);
}

export async function updateUser(sql: Sql | Tx, id: string, patch: { role?: AccountRole | undefined; team?: string | null | undefined; disabled?: boolean | undefined }, at: Date): Promise<UserDto | null> {
  const [row] = await sql`
    update users set
      role = coalesce(${patch.role ?? null}, role),
      team_id = ${patch.team === undefined ? sql`team_id` : patch.team},
      disabled_at = ${patch.disabled === undefined ? sql`disabled_at` : patch.disabled ? sql`coalesce(disabled_at, ${at})` : null},
      updated_at = ${at}
    where id = ${id}
    returning ${USER_COLUMNS(sql)}`;
  return row ? toUser(row) : null;
}

export async function setPasswordHash(sql: Sql | Tx, id: string, passwordHash: string, at: Date): Promise<void> {
  await sql`update users set password_hash = ${passwordHash}, password_changed_at = ${at}, updated_at = ${at} where id = ${id}`;
}

export async function countUsers(sql: Sql | Tx): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from users`;
  return row?.n ?? 0;
}

export async function listTeams(sql: Sql | Tx): Promise<TeamDto[]> {
  return sql<TeamDto[]>`select id, name, district_id as district from teams order by id`;
}

export async function upsertTeam(sql: Sql | Tx, t: TeamDto): Promise<TeamDto> {
  const [row] = await sql<TeamDto[]>`
    insert into teams (id, name, district_id) values (${t.id}, ${t.name}, ${t.district})
    on conflict (id) do update set name = excluded.name, district_id = excluded.district_id
    returning id, name, district_id as district`;
  return row!;
}

export async function teamExists(sql: Sql | Tx, id: string): Promise<boolean> {
  const [row] = await sql`select 1 from teams where id = ${id}`;
  return row !== undefined;
}

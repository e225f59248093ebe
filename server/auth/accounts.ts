// Creating accounts (admin API, CLI, demo users): checks the password, hashes it, stores the user.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/sql.ts';
import { HttpProblem } from '../http/problem.ts';
import { findUserByEmail, insertUser, teamExists, upsertTeam, type UserDto } from '../db/queries/users.ts';
import { generatePassword, hashPassword, passwordRuleBroken, weakPassword, type ScryptCost } from './password.ts';
import type { AccountRole } from './permissions.ts';

export interface NewAccount {
  email: string;
  role: AccountRole;
  team?: string | null | undefined;
  /** Omitted: a password is generated and returned. */
  password?: string | undefined;
  /** Create the team (named after its id) when it does not exist, instead of refusing. */
  createTeam?: boolean;
}

/** Creates an account; returns it and the generated password (null when one was given). */
export async function createAccount(sql: Sql, a: NewAccount, nowMs: number, cost?: ScryptCost): Promise<{ user: UserDto; password: string | null }> {
  const email = a.email.trim().toLowerCase();
  const generated = a.password === undefined ? generatePassword() : null;
  const password = a.password ?? generated!;
  const broken = passwordRuleBroken(password, email);
  if (broken) throw weakPassword('password', broken);
  if (await findUserByEmail(sql, email)) throw new HttpProblem(409, `An account with the e-mail ${email} already exists.`, { code: 'email-taken', extensions: { email } });
  const team = a.team ?? null;
  if (team && !(await teamExists(sql, team))) {
    if (!a.createTeam) throw new HttpProblem(422, `There is no team '${team}'. Create it first.`, { code: 'unknown-team', errors: [{ path: 'team', message: 'unknown team', code: 'unknown-team' }], extensions: { team } });
    await upsertTeam(sql, { id: team, name: team, district: null });
  }
  const user = await insertUser(sql, { id: randomUUID(), email, passwordHash: await hashPassword(password, cost), role: a.role, team, at: new Date(nowMs) });
  return { user, password: generated };
}

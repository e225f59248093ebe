// The embedded demo's accounts: one per role, with fresh random passwords at every start
// (printed by main.ts), so a demo never runs with known passwords. Never used with DATABASE_URL.
import type { Sql } from '../db/sql.ts';
import { findUserByEmail, setPasswordHash, updateUser, upsertTeam } from '../db/queries/users.ts';
import { createAccount } from './accounts.ts';
import { generatePassword, hashPassword, type ScryptCost } from './password.ts';
import { ACCOUNT_ROLES, type AccountRole } from './permissions.ts';

export interface DemoUser {
  role: AccountRole;
  email: string;
  password: string;
  team: string | null;
}

const DEMO_TEAMS = [
  { id: 'berga', name: 'Områdesteam Berga', district: 'berga' },
  { id: 'ryd', name: 'Områdesteam Ryd', district: 'ryd' },
  { id: 'skaggetorp', name: 'Områdesteam Skäggetorp', district: 'skaggetorp' },
];

const teamFor = (role: AccountRole) => (role === 'field' || role === 'teamleader' ? 'ryd' : null);

export async function ensureDemoUsers(sql: Sql, nowMs: number, cost?: ScryptCost): Promise<DemoUser[]> {
  for (const t of DEMO_TEAMS) await upsertTeam(sql, t);
  return Promise.all(
    ACCOUNT_ROLES.map(async (role) => {
      const email = `${role}@demo.trygghetskartan.se`;
      const password = generatePassword();
      const team = teamFor(role);
      const existing = await findUserByEmail(sql, email);
      if (existing) {
        await setPasswordHash(sql, existing.id, await hashPassword(password, cost), new Date(nowMs));
        await updateUser(sql, existing.id, { role, team, disabled: false }, new Date(nowMs));
      } else await createAccount(sql, { email, role, team, password }, nowMs, cost);
      return { role, email, password, team };
    }),
  );
}

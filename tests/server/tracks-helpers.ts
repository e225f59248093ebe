// Test app for the track suites: the app over a test database, with one signed-in account per
// persona (role + team), called as a persona or anonymously.
import { makeTestApp, type SignedIn } from '../helpers/test-app.ts';
import type { DbTarget } from '../helpers/databases.ts';
import type { AccountRole } from '../../server/auth/permissions.ts';

export interface Persona {
  key: string;
  role: AccountRole;
  team: string | null;
}

const persona = (key: string, role: AccountRole, team: string | null): Persona => ({ key, role, team });

export const FIELD_RYD = persona('field-ryd', 'field', 'ryd');
export const FIELD_RYD_2 = persona('field-ryd-2', 'field', 'ryd');
export const LEADER_RYD = persona('leader-ryd', 'teamleader', 'ryd');
export const LEADER_SKG = persona('leader-skg', 'teamleader', 'skaggetorp');
export const FIELD_SKG = persona('field-skg', 'field', 'skaggetorp');
export const CHIEF = persona('chief', 'chief', null);
const ALL = [FIELD_RYD, FIELD_RYD_2, LEADER_RYD, LEADER_SKG, FIELD_SKG, CHIEF];

export async function makeTracksApp(target: DbTarget, opts: { now?: () => number } = {}) {
  const t = await makeTestApp(target, opts);
  const sessions = new Map<string, SignedIn>();
  for (const p of ALL) sessions.set(p.key, await t.signIn(p.role, { team: p.team, email: `${p.key}@example.se` }));
  const session = (p: Persona) => sessions.get(p.key)!;
  const call = (who: Persona | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.bare.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(who ? session(who).headers : {}), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { ...t, call, idOf: (p: Persona) => session(p).user.id };
}

export type TracksApp = Awaited<ReturnType<typeof makeTracksApp>>;

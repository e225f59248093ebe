// The session endpoints (/api/auth): who am I, sign in, sign out. Non-2xx → ProblemError.
import { readJson, toProblemError } from '../api/problem-error.ts';
import type { Permission, Role } from '../../server/auth/permissions.ts';

export type { Permission, Role };

export interface Me {
  user: { id: string; email: string; role: Exclude<Role, 'resident'>; team: string | null } | null;
  role: Role;
  permissions: Permission[];
  via: 'session' | 'token' | null;
}

async function send<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/auth/${path}`, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
  } catch (err) {
    throw toProblemError(err);
  }
  return readJson<T>(res);
}

export const authApi = {
  me: () => send<Me>('me'),
  signIn: (email: string, password: string) => send<{ user: NonNullable<Me['user']>; expiresAt: string }>('login', { method: 'POST', body: JSON.stringify({ email, password }) }),
  signOut: () => send<{ signedOut: number }>('logout', { method: 'POST', body: '{}' }),
};

export type AuthApi = typeof authApi;

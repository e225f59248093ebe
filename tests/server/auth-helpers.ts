// Shared by the auth suites: every registered route with the permission it declares, and a
// concrete path for it (parameters filled with well-formed values that match no record).
import type { Hono } from 'hono';
import { guardMetaOf } from '../../server/http/guard.ts';
import type { Permission } from '../../server/auth/permissions.ts';

export interface DeclaredRoute {
  method: string;
  path: string;
  /** null: public; undefined: undeclared. */
  permission: Permission | null | undefined;
  /** How many guards the route carries (exactly one is right). */
  guards: number;
}

export function declaredRoutes(app: Hono): DeclaredRoute[] {
  const byKey = new Map<string, DeclaredRoute>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue; // middleware and the 404 fallback
    const key = `${r.method} ${r.path}`;
    const route = byKey.get(key) ?? { method: r.method, path: r.path, permission: undefined, guards: 0 };
    const meta = guardMetaOf(r.handler);
    if (meta) {
      route.guards += 1;
      route.permission = meta.permission;
    }
    byKey.set(key, route);
  }
  return [...byKey.values()];
}

export const SAMPLE_UUID = '6f1c1d2e-0000-4000-8000-000000000000';

/** A path that reaches the route: ':id' → a UUID, regex parameters → a matching sample. */
export function samplePath(path: string): string {
  return path.replace(/:(\w+)(\{((?:[^{}]|\{[^{}]*\})*)\})?/g, (_m, name: string, _b, regex: string | undefined) => {
    if (regex) {
      const ext = /\\\.(\w+)/.exec(regex)?.[1];
      return ext ? `${SAMPLE_UUID}.${ext}` : SAMPLE_UUID;
    }
    if (name === 'token') return 'tkr_' + 'a'.repeat(43);
    return SAMPLE_UUID;
  });
}

// Every registered route declares who may call it (guard(permission) or guard.public()),
// exactly once, and the OpenAPI document states the same permission.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { makeLogger } from '../../server/logger.ts';
import { PERMISSIONS } from '../../server/auth/permissions.ts';
import { declaredRoutes } from './auth-helpers.ts';

// No database is touched: routes are only registered, never called.
const deps = { sql: (() => Promise.reject(new Error('no database'))) as unknown as AppDeps['sql'], area: { index: () => Promise.reject(new Error('no')), invalidate() {} }, now: () => 0, newId: () => 'x', log: makeLogger('silent'), basemapStyleUrl: null, staticDir: 'client' } satisfies AppDeps;
const app = createApp(deps);
const routes = declaredRoutes(app);

describe('route coverage', () => {
  it('finds the routes of every resource', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /api/reports', 'POST /api/auth/login', 'GET /api/admin/users', 'GET /healthz', 'GET /readyz']));
    expect(routes.length).toBeGreaterThan(20);
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s is declared public or protected, once', (_name, r) => {
    expect(r.permission, `${r.method} ${r.path} has no guard(...) or guard.public()`).not.toBeUndefined();
    expect(r.guards).toBe(1);
    if (r.permission !== null) expect(PERMISSIONS).toContain(r.permission);
  });

  it('states each route’s permission in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown[]; 'x-permission'?: string; responses: Record<string, unknown> }>>; components: { securitySchemes: Record<string, unknown> } };
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    let checked = 0;
    for (const r of routes.filter((x) => x.path.startsWith('/api/') && !x.path.includes('*'))) {
      const op = doc.paths[r.path.replace(/:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, '{$1}')]?.[r.method.toLowerCase()];
      if (!op) continue; // documentation coverage is area-api.test.ts's job
      checked += 1;
      expect(op['x-permission'], `${r.method} ${r.path}`).toBe(r.permission ?? 'public');
      if (r.permission) {
        expect(op.security).toEqual([{ session: [] }, { bearer: [] }]);
        expect(op.responses).toHaveProperty('401');
        expect(op.responses).toHaveProperty('403');
      } else expect(op.security).toEqual([]);
    }
    expect(checked).toBeGreaterThan(20);
  });
});

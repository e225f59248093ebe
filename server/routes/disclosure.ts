// /api/admin/disclosure: what the anonymous public map and Open311 may show, per category and
// per source (defaults in server/domain/disclosure.ts). Every change is audit-logged.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { currentUser, guard } from '../http/guard.ts';
import { maxBody } from '../http/body-size.ts';
import { resolveSecurity } from '../auth/options.ts';
import { audit, auditContext } from '../auth/audit.ts';
import { disclosureSettings } from '../domain/disclosure.ts';
import { loadDisclosurePolicy, setDisclosure } from '../db/queries/disclosure.ts';
import { DisclosureChange, DisclosureSettings } from '../schemas/disclosure.ts';

export function disclosureRoutes(deps: AppDeps) {
  const { sql } = deps;
  const security = resolveSecurity(deps.security);
  return new Hono()
    .get(
      '/',
      guard('disclosure:admin'),
      describe({ summary: 'What the public map may show', description: 'Per category and per source: shown as public pins (true) or only as weekly counts per district (false), with the defaults.', tags: ['admin'], responses: { 200: { description: 'Settings', schema: DisclosureSettings } } }),
      async (c) => c.json(disclosureSettings(await loadDisclosurePolicy(sql)), 200),
    )
    .put(
      '/',
      guard('disclosure:admin'),
      describe({
        summary: 'Make a category or source public or not',
        description: 'Takes effect at once for GET /api/public/pins, Open311 GET requests and GET /api/public/weekly-counts. Audit-logged as disclosure.update with the value before and after.',
        tags: ['admin'],
        responses: { 200: { description: 'All settings after the change', schema: DisclosureSettings }, 422: { description: 'Unknown kind or value' } },
      }),
      maxBody(4 * 1024, 'a disclosure change is a small JSON object'),
      validate('json', DisclosureChange),
      async (c) => {
        const change = c.req.valid('json');
        const settings = await sql.begin(async (tx) => {
          const before = (await loadDisclosurePolicy(tx))[change.kind === 'category' ? 'categories' : 'sources'].includes(change.value);
          await setDisclosure(tx, { ...change, by: currentUser(c)?.id ?? null, at: new Date(deps.now()) });
          await audit(tx, { ...auditContext(c, security.trustProxy), at: deps.now(), action: 'disclosure.update', target: `${change.kind}:${change.value}`, detail: { public: change.public, before } });
          return disclosureSettings(await loadDisclosurePolicy(tx));
        });
        return c.json(settings, 200);
      },
    );
}

// /api/admin/organisations: EST partner organisations and their members (users:admin).
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { guard } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { maxBody } from '../http/body-size.ts';
import { resolveSecurity } from '../auth/options.ts';
import { audit, auditContext } from '../auth/audit.ts';
import { deleteOrganisation, listOrganisations, organisationExists, removeMember, setMember, upsertOrganisation } from '../db/queries/organisations.ts';
import { findUserById } from '../db/queries/users.ts';
import { MemberBody, MemberParam, OrganisationBody, OrganisationIdParam } from '../schemas/lagesbild.ts';

export function organisationRoutes(deps: AppDeps) {
  const { sql } = deps;
  const security = resolveSecurity(deps.security);
  const body = maxBody(16 * 1024, 'an organisation is a small JSON object');
  const who = (c: Parameters<typeof auditContext>[0]) => ({ ...auditContext(c, security.trustProxy), at: deps.now() });

  return new Hono()
    .get('/', guard('users:admin'), describe({ summary: 'List organisations', description: 'EST partner organisations with their members and the districts each works in.', tags: ['admin'], responses: { 200: { description: 'Organisations' } } }), async (c) => {
      return c.json({ organisations: await listOrganisations(sql) }, 200);
    })
    .put(
      '/',
      guard('users:admin'),
      describe({ summary: 'Create or rename an organisation', tags: ['admin'], responses: { 200: { description: 'Stored' } } }),
      body,
      validate('json', OrganisationBody),
      async (c) => {
        const o = c.req.valid('json');
        await upsertOrganisation(sql, o);
        await audit(sql, { ...who(c), action: 'organisations.upsert', target: `organisation:${o.id}`, detail: o });
        return c.json(o, 200);
      },
    )
    .delete(
      '/:id',
      guard('users:admin'),
      describe({ summary: 'Delete an organisation', description: 'Its members lose their membership; reports and actions keep no link to it.', tags: ['admin'], responses: { 204: { description: 'Deleted' }, 404: { description: 'No such organisation' } } }),
      validate('param', OrganisationIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        if (!(await deleteOrganisation(sql, id))) throw new HttpProblem(404, `No organisation has id '${id}'.`);
        await audit(sql, { ...who(c), action: 'organisations.delete', target: `organisation:${id}` });
        return c.body(null, 204);
      },
    )
    .put(
      '/:id/members/:userId',
      guard('users:admin'),
      describe({ summary: 'Make an account a member', description: 'With the districts it works in (what a partner may read). An account belongs to one organisation.', tags: ['admin'], responses: { 200: { description: 'Stored' }, 404: { description: 'No such organisation or user' }, 422: { description: 'Unknown district' } } }),
      body,
      validate('param', MemberParam),
      validate('json', MemberBody),
      async (c) => {
        const { id, userId } = c.req.valid('param');
        const { districts } = c.req.valid('json');
        if (!(await organisationExists(sql, id))) throw new HttpProblem(404, `No organisation has id '${id}'.`);
        if (!(await findUserById(sql, userId))) throw new HttpProblem(404, `No user has id '${userId}'.`);
        const known = (await deps.area.index()).districts.map((d) => d.id);
        const unknown = districts.filter((d) => !known.includes(d));
        if (unknown.length) throw new HttpProblem(422, `Unknown districts: ${unknown.join(', ')}. Districts: ${known.join(', ')}.`, { code: 'unknown-district', errors: [{ path: 'districts', message: 'unknown district', code: 'unknown-district', params: { district: unknown.join(', ') } }], extensions: { district: unknown.join(', ') } });
        await setMember(sql, { userId, organisationId: id, districts: [...new Set(districts)] });
        await audit(sql, { ...who(c), action: 'organisations.member', target: `user:${userId}`, detail: { organisation: id, districts } });
        return c.json({ organisation: id, userId, districts }, 200);
      },
    )
    .delete(
      '/:id/members/:userId',
      guard('users:admin'),
      describe({ summary: 'Remove a member', tags: ['admin'], responses: { 204: { description: 'Removed' }, 404: { description: 'Not a member' } } }),
      validate('param', MemberParam),
      async (c) => {
        const { id, userId } = c.req.valid('param');
        if (!(await removeMember(sql, id, userId))) throw new HttpProblem(404, `User '${userId}' is not a member of '${id}'.`);
        await audit(sql, { ...who(c), action: 'organisations.member-remove', target: `user:${userId}`, detail: { organisation: id } });
        return c.body(null, 204);
      },
    );
}

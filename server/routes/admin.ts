// /api/admin: users, teams, API tokens and the audit log (list and CSV export).
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { currentUser, guard } from '../http/guard.ts';
import { maxBody } from '../http/body-size.ts';
import { resolveSecurity } from '../auth/options.ts';
import { createAccount } from '../auth/accounts.ts';
import { createApiToken, scopesBeyondRole } from '../auth/api-tokens.ts';
import { audit, auditContext } from '../auth/audit.ts';
import { auditCsv } from '../auth/audit-csv.ts';
import { findUserById, listTeams, listUsers, teamExists, updateUser, upsertTeam } from '../db/queries/users.ts';
import { clearAccountFailures, deleteUserSessions, listAccountFailures } from '../db/queries/sessions.ts';
import { accountThrottleKey, pairThrottlePrefix } from '../auth/sign-in.ts';
import { signInBlocks } from '../auth/sign-in-blocks.ts';
import { ACCOUNT_THROTTLE } from '../auth/policy.ts';
import { listTokens, revokeToken } from '../db/queries/tokens.ts';
import { listAudit } from '../db/queries/audit.ts';
import {
  AuditCsvQuery, AuditPage, AuditQuery, CreatedToken, CreatedUser, NewTeam, NewToken, NewUser, Team, TeamList, TokenIdParam, TokenList, User, UserIdParam, UserList, UserPatch, SignInBlockList, Unlocked,
} from '../schemas/admin.ts';

const ADMIN_BODY_LIMIT_BYTES = 16 * 1024;
/** The CSV export stops here; narrow the dates for more. */
const AUDIT_CSV_MAX_ROWS = 100_000;

export function adminRoutes(deps: AppDeps) {
  const { sql } = deps;
  const security = resolveSecurity(deps.security);
  const body = maxBody(ADMIN_BODY_LIMIT_BYTES, 'an admin request is a small JSON object');
  const who = (c: Parameters<typeof auditContext>[0]) => ({ ...auditContext(c, security.trustProxy), at: deps.now() });

  return new Hono()
    .get('/users', guard('users:admin'), describe({ summary: 'List users', tags: ['admin'], responses: { 200: { description: 'Users', schema: UserList } } }), async (c) => {
      return c.json({ users: await listUsers(sql) }, 200);
    })
    .post(
      '/users',
      guard('users:admin'),
      describe({ summary: 'Create a user', description: 'Without a password one is generated and returned once.', tags: ['admin'], responses: { 201: { description: 'Created', schema: CreatedUser }, 409: { description: 'E-mail taken' }, 422: { description: 'Invalid' } } }),
      body,
      validate('json', NewUser),
      async (c) => {
        const input = c.req.valid('json');
        const created = await createAccount(sql, { email: input.email, role: input.role, team: input.team ?? null, password: input.password }, deps.now(), security.scrypt);
        await audit(sql, { ...who(c), action: 'users.create', target: `user:${created.user.id}`, detail: { email: created.user.email, role: created.user.role, team: created.user.team } });
        return c.json(created, 201);
      },
    )
    .patch(
      '/users/:id',
      guard('users:admin'),
      describe({ summary: "Change a user's role or team, or disable/enable it", description: 'Disabling ends all of its sessions.', tags: ['admin'], responses: { 200: { description: 'Updated', schema: User }, 404: { description: 'No such user' } } }),
      body,
      validate('param', UserIdParam),
      validate('json', UserPatch),
      async (c) => {
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        if (id === currentUser(c)?.id && (patch.disabled === true || (patch.role && patch.role !== 'admin'))) {
          throw new HttpProblem(409, 'You cannot disable or demote your own account; ask another administrator.', { code: 'own-account' });
        }
        if (patch.team && !(await teamExists(sql, patch.team))) throw new HttpProblem(422, `There is no team '${patch.team}'.`, { code: 'unknown-team', errors: [{ path: 'team', message: 'unknown team', code: 'unknown-team' }], extensions: { team: patch.team } });
        const user = await sql.begin(async (tx) => {
          const u = await updateUser(tx, id, patch, new Date(deps.now()));
          if (!u) return null;
          if (patch.disabled || patch.role) await deleteUserSessions(tx, id); // new rights take effect at the next sign-in
          await audit(tx, { ...who(c), action: 'users.update', target: `user:${id}`, detail: patch });
          return u;
        });
        if (!user) throw new HttpProblem(404, `No user has id ${id}.`, { code: 'unknown-user', extensions: { id } });
        return c.json(user, 200);
      },
    )
    .get(
      '/sign-in-blocks',
      guard('users:admin'),
      describe({ summary: 'Accounts whose sign-in is slowed or locked now', description: 'Per account: failures from all addresses (slowed, never locked) and addresses locked out of it.', tags: ['admin'], responses: { 200: { description: 'Blocks', schema: SignInBlockList } } }),
      async (c) => {
        const now = deps.now();
        const blocks = signInBlocks(await listAccountFailures(sql, new Date(now - ACCOUNT_THROTTLE.forgetAfterMs)), now);
        const ids = new Map((await listUsers(sql)).map((u) => [u.email, u.id]));
        return c.json({ blocks: blocks.map((b) => ({ ...b, userId: ids.get(b.email) ?? null })) }, 200);
      },
    )
    .post(
      '/users/:id/unlock',
      guard('users:admin'),
      describe({ summary: "Clear an account's sign-in slow-down and address locks", description: 'Removes the failure records of the account (from all addresses); audit-logged as users.unlock.', tags: ['admin'], responses: { 200: { description: 'Cleared', schema: Unlocked }, 404: { description: 'No such user' } } }),
      validate('param', UserIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const user = await findUserById(sql, id);
        if (!user) throw new HttpProblem(404, `No user has id ${id}.`, { code: 'unknown-user', extensions: { id } });
        const cleared = await clearAccountFailures(sql, accountThrottleKey(user.email), pairThrottlePrefix(user.email));
        await audit(sql, { ...who(c), action: 'users.unlock', target: `user:${id}`, detail: { cleared } });
        return c.json({ cleared }, 200);
      },
    )
    .get('/teams', guard('users:admin'), describe({ summary: 'List teams', tags: ['admin'], responses: { 200: { description: 'Teams', schema: TeamList } } }), async (c) => {
      return c.json({ teams: await listTeams(sql) }, 200);
    })
    .put(
      '/teams',
      guard('users:admin'),
      describe({ summary: 'Create or rename a team', tags: ['admin'], responses: { 200: { description: 'The team', schema: Team } } }),
      body,
      validate('json', NewTeam),
      async (c) => {
        const t = c.req.valid('json');
        const team = await upsertTeam(sql, { id: t.id, name: t.name, district: t.district ?? null });
        await audit(sql, { ...who(c), action: 'teams.upsert', target: `team:${t.id}`, detail: { name: t.name, district: t.district ?? null } });
        return c.json(team, 200);
      },
    )
    .get('/tokens', guard('tokens:admin'), describe({ summary: 'List API tokens', description: 'Never shows the tokens themselves.', tags: ['admin'], responses: { 200: { description: 'Tokens', schema: TokenList } } }), async (c) => {
      return c.json({ tokens: await listTokens(sql) }, 200);
    })
    .post(
      '/tokens',
      guard('tokens:admin'),
      describe({ summary: 'Create an API token', description: "Scoped to permissions the account's role holds. The token is in this answer only.", tags: ['admin'], responses: { 201: { description: 'Created', schema: CreatedToken }, 422: { description: 'Scopes beyond the role, or unknown account' } } }),
      body,
      validate('json', NewToken),
      async (c) => {
        const t = c.req.valid('json');
        const owner = await findUserById(sql, t.userId);
        if (!owner) throw new HttpProblem(422, `No user has id ${t.userId}.`, { code: 'unknown-user', errors: [{ path: 'userId', message: 'unknown user', code: 'unknown-user' }], extensions: { id: t.userId } });
        const beyond = scopesBeyondRole(owner.role, t.scopes);
        if (beyond.length) throw new HttpProblem(422, `The role ${owner.role} does not hold ${beyond.join(', ')}.`, { code: 'scopes-beyond-role', errors: [{ path: 'scopes', message: 'beyond the role', code: 'scopes-beyond-role' }], extensions: { role: owner.role, scopes: beyond } });
        const now = deps.now();
        const created = await createApiToken(sql, { name: t.name, userId: owner.id, scopes: [...new Set(t.scopes)], createdBy: currentUser(c)?.id ?? null, nowMs: now, expiresMs: t.expiresInDays ? now + t.expiresInDays * 86_400_000 : null });
        await audit(sql, { ...who(c), action: 'tokens.create', target: `token:${created.id}`, detail: { name: t.name, userId: owner.id, scopes: t.scopes } });
        c.header('Cache-Control', 'no-store');
        return c.json(created, 201);
      },
    )
    .delete(
      '/tokens/:id',
      guard('tokens:admin'),
      describe({ summary: 'Revoke an API token', tags: ['admin'], responses: { 204: { description: 'Revoked' }, 404: { description: 'No such token' } } }),
      validate('param', TokenIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        if (!(await revokeToken(sql, id, new Date(deps.now())))) throw new HttpProblem(404, `No API token has id ${id}.`, { code: 'token-not-found' });
        await audit(sql, { ...who(c), action: 'tokens.revoke', target: `token:${id}` });
        return c.body(null, 204);
      },
    )
    .get(
      '/audit',
      guard('audit:read'),
      describe({ summary: 'The audit log', description: 'Newest first; page with `before`.', tags: ['admin'], responses: { 200: { description: 'Entries', schema: AuditPage } } }),
      validate('query', AuditQuery),
      async (c) => {
        const q = c.req.valid('query');
        const rows = await listAudit(sql, { actorId: q.actor, action: q.action, target: q.target, from: q.from, to: q.to }, q.limit + 1, q.before);
        const entries = rows.slice(0, q.limit);
        return c.json({ entries, nextBefore: rows.length > q.limit ? (entries.at(-1)?.id ?? null) : null }, 200);
      },
    )
    .get(
      '/audit.csv',
      guard('audit:read'),
      describe({ summary: 'The audit log as CSV', description: `At most ${AUDIT_CSV_MAX_ROWS.toLocaleString('en')} rows, newest first. The export itself is logged.`, tags: ['admin'], responses: { 200: { description: 'CSV (UTF-8, RFC 4180)', contentType: 'text/csv' } } }),
      validate('query', AuditCsvQuery),
      async (c) => {
        const q = c.req.valid('query');
        const rows = await listAudit(sql, { actorId: q.actor, action: q.action, target: q.target, from: q.from, to: q.to }, AUDIT_CSV_MAX_ROWS);
        await audit(sql, { ...who(c), action: 'audit.export', detail: { rows: rows.length } });
        return c.body(auditCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="audit-log.csv"' });
      },
    );
}

// Zod schemas for /api/admin: users, teams, API tokens and the audit log.
import { z } from 'zod';
import { ACCOUNT_ROLES, PERMISSIONS } from '../auth/permissions.ts';
import { PASSWORD_MAX_LENGTH } from '../auth/password.ts';
import { Email } from './auth.ts';
import { instant } from './common.ts';

const TeamId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case slug like ryd or berga-2');

export const User = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  team: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export const UserList = z.object({ users: z.array(User) });

export const NewUser = z.strictObject({
  email: Email,
  role: z.enum(ACCOUNT_ROLES),
  team: TeamId.nullish(),
  password: z.string().max(PASSWORD_MAX_LENGTH).optional().describe('Omit to have one generated and returned once'),
});
export const CreatedUser = z.object({ user: User, password: z.string().nullable().describe('The generated password, shown once (null when one was given)') });

export const UserPatch = z
  .strictObject({
    role: z.enum(ACCOUNT_ROLES).optional(),
    team: TeamId.nullable().optional(),
    disabled: z.boolean().optional().describe('true ends all sessions and refuses sign-in'),
  })
  .refine((p) => Object.keys(p).length > 0, 'give at least one of role, team, disabled');

export const UserIdParam = z.object({ id: z.uuid() });

export const Team = z.object({ id: z.string(), name: z.string(), district: z.string().nullable() });
export const TeamList = z.object({ teams: z.array(Team) });
export const NewTeam = z.strictObject({ id: TeamId, name: z.string().trim().min(1).max(100), district: z.string().max(64).nullish() });

export const NewToken = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('What the token is for, e.g. "Stångåstaden import"'),
  userId: z.uuid().describe('The account the token acts for'),
  scopes: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length).describe("Permissions, a subset of the account's role"),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const TokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  userEmail: z.string(),
  scopes: z.array(z.enum(PERMISSIONS)),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const TokenList = z.object({ tokens: z.array(TokenInfo) });
export const CreatedToken = z.object({ id: z.string(), token: z.string().describe('Shown once: store it now') });
export const TokenIdParam = z.object({ id: z.uuid() });

export const AuditQuery = z.object({
  actor: z.string().max(64).optional().describe('User id'),
  action: z.string().max(64).optional().describe("e.g. 'contacts.read'"),
  target: z.string().max(200).optional().describe("e.g. 'report:<uuid>'"),
  from: instant(false).optional(),
  to: instant(true).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  before: z.string().regex(/^\d{1,18}$/).optional().describe('id of the last row of the previous page'),
});
export const AuditCsvQuery = AuditQuery.omit({ limit: true, before: true });
export const AuditRow = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const AuditPage = z.object({ entries: z.array(AuditRow), nextBefore: z.string().nullable() });

export const SignInBlockList = z.object({
  blocks: z.array(
    z.object({
      email: z.string(),
      userId: z.uuid().nullable().describe('The account, or null when no account has this e-mail'),
      failures: z.number().int().describe('Failed sign-ins against the account from all addresses in the last hour'),
      lockedAddresses: z.number().int().describe('Addresses locked out of the account now'),
      slowedUntil: z.string().nullable().describe('When the account-wide slow-down ends'),
      lockedUntil: z.string().nullable().describe('When the last address lock ends'),
    }),
  ),
});
export const Unlocked = z.object({ cleared: z.number().int().describe('Failure records removed') });

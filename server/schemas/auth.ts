// Zod schemas for /api/auth: sign-in, the current user, password change.
import { z } from 'zod';
import { ACCOUNT_ROLES, PERMISSIONS, ROLES } from '../auth/permissions.ts';
import { PASSWORD_MAX_LENGTH } from '../auth/password.ts';

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'not an e-mail address' }));

export const LoginBody = z.strictObject({
  email: Email.describe('The account e-mail address'),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH).describe('The password'),
});

export const PasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH).describe('At least 10 characters'),
});

export const AccountUser = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  team: z.string().nullable(),
});

export const Me = z.object({
  user: AccountUser.nullable().describe('null when not signed in (an anonymous resident)'),
  role: z.enum(ROLES).describe("The caller's role; 'resident' when anonymous"),
  permissions: z.array(z.enum(PERMISSIONS)).describe('What the caller may do'),
  via: z.enum(['session', 'token']).nullable(),
});

export const LoginResult = z.object({ user: AccountUser, expiresAt: z.string().describe('Absolute expiry of the session') });

export const SignedOut = z.object({ signedOut: z.number().int().describe('Sessions ended') });

// A report's source follows who sent it: the role's own source by default; a signed-in role
// may narrow it (staff filing as a resident), never widen it (a resident claiming police).
import { REPORT_SOURCES_BY_ROLE, type Role } from './permissions.ts';

/** The source to store, or null when the role may not claim the requested one. */
export function reportSourceFor(role: Role, requested: string | undefined): string | null {
  const allowed = REPORT_SOURCES_BY_ROLE[role];
  if (requested === undefined) return allowed[0];
  return allowed.includes(requested) ? requested : null;
}

// Who may see or write which track: the recorder writes; the recorder, their team leader (same
// team) and the chief (all teams) read. Others get 404, so a track's existence is not revealed.
import type { Context } from 'hono';
import { HttpProblem } from '../http/problem.ts';
import { currentUser, userCan, type AuthUser } from '../http/guard.ts';
import type { TrackRow } from '../db/queries/tracks.ts';

export function requireUser(c: Context): AuthUser {
  const user = currentUser(c);
  if (!user) throw new HttpProblem(401, 'Sign in to use this.', { code: 'sign-in-required' });
  return user;
}

export function canReadTrack(user: AuthUser, t: TrackRow): boolean {
  if (t.userId !== null && t.userId === user.id) return true;
  if (userCan(user, 'tracks:read-all')) return true;
  return userCan(user, 'tracks:read-team') && user.team !== null && user.team === t.teamId;
}

export function assertReadable(user: AuthUser, t: TrackRow | null, id: string): TrackRow {
  if (!t || !canReadTrack(user, t)) throw new HttpProblem(404, `No track ${id} that you may see.`, { code: 'track-not-found' });
  return t;
}

export function assertOwn(user: AuthUser, t: TrackRow | null, id: string): TrackRow {
  if (!t || t.userId !== user.id) throw new HttpProblem(404, `No track ${id} recorded by you.`, { code: 'track-not-found' });
  return t;
}

/** The team a new track belongs to: the caller's own (a different one is refused). */
export function teamForNewTrack(user: AuthUser, requested: string | undefined): string {
  if (user.team === null) {
    throw new HttpProblem(422, 'Your account belongs to no team, and a patrol track must belong to one. Ask an administrator to put you in a team.', { code: 'no-team', errors: [{ path: 'team', message: 'no team', code: 'no-team' }] });
  }
  if (requested !== undefined && requested !== user.team) {
    throw new HttpProblem(403, `You record tracks for your own team (${user.team}), not for ${requested}.`, { code: 'other-team', extensions: { team: user.team } });
  }
  return user.team;
}

/** Teams whose tracks the caller may list, or undefined for all teams. */
export function readableTeams(user: AuthUser, requested: string | undefined): string[] | undefined {
  if (userCan(user, 'tracks:read-all')) return requested ? [requested] : undefined;
  if (user.team === null) return [];
  if (requested && requested !== user.team) throw new HttpProblem(403, `You may read the tracks of your own team (${user.team}) only.`, { code: 'other-team', extensions: { team: user.team } });
  return [user.team];
}

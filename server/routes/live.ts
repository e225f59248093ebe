// /api/live: teams on patrol now — the latest position of each open track heard from in the
// last 15 minutes, as JSON or as a server-sent event stream (team leaders and the chief only).
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { guard, currentUser, userCan, type AuthUser } from '../http/guard.ts';
import { livePositions } from '../db/queries/tracks.ts';

/** A track silent for longer than this is no longer shown as on patrol. */
const STALE_MIN = 15;

export const LiveSnapshot = z.object({
  at: z.string(),
  teams: z.array(z.object({ trackId: z.uuid(), team: z.string(), lat: z.number(), lon: z.number(), at: z.string(), startedAt: z.string() })),
});

const LiveQuery = z.object({
  intervalS: z.coerce.number().int().min(1).max(60).default(5).describe('Seconds between snapshots on the stream'),
});

export function liveRoutes(deps: AppDeps) {
  const { sql } = deps;
  const snapshot = async (user: AuthUser | null) => {
    const now = deps.now();
    const rows = await livePositions(sql, new Date(now - STALE_MIN * 60_000));
    // A team leader sees their own team; the chief (tracks:read-all) every team.
    const visible = userCan(user, 'tracks:read-all') ? rows : rows.filter((r) => user?.team !== null && r.team === user?.team);
    return {
      at: new Date(now).toISOString(),
      teams: visible.map((r) => ({ trackId: r.trackId, team: r.team, lat: r.lat, lon: r.lon, at: r.at.toISOString(), startedAt: r.startedAt.toISOString() })),
    };
  };

  return new Hono()
    .get(
      '/',
      describe({ summary: 'Teams on patrol now', description: 'Latest position per open track heard from in the last 15 minutes.', tags: ['live'], responses: { 200: { description: 'Snapshot', schema: LiveSnapshot } } }),
      guard('live:read'),
      async (c) => c.json(await snapshot(currentUser(c)), 200),
    )
    .get(
      '/stream',
      describe({ summary: 'Teams on patrol now, as server-sent events', description: 'An event "positions" (the snapshot JSON) at once and then every intervalS seconds.', tags: ['live'], responses: { 200: { description: 'text/event-stream', contentType: 'text/event-stream' } } }),
      guard('live:read'),
      validate('query', LiveQuery),
      (c) => {
        const { intervalS } = c.req.valid('query');
        const user = currentUser(c);
        return streamSSE(c, async (stream) => {
          let id = 0;
          while (!stream.aborted && !stream.closed) {
            await stream.writeSSE({ event: 'positions', id: String(id++), data: JSON.stringify(await snapshot(user)) });
            await stream.sleep(intervalS * 1000);
          }
        });
      },
    );
}

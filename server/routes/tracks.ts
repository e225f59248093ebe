// /api/tracks: start a patrol, append fix batches (idempotent), end it, import a GPX/GeoJSON
// file; list and read tracks (own with tracks:write; team/all with tracks:read-team/-all,
// audit-logged) and their presence per cell.
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.ts';
import type { Tx } from '../db/sql.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { guard } from '../http/guard.ts';
import { once, Pipelined, readIdempotencyKey } from '../http/idempotency.ts';
import { audit, auditContext } from '../auth/audit.ts';
import { AppendResult, ImportQuery, ImportResult, NewTrack, PointBatch, Presence, Track, TrackIdParam, TrackList, TrackListQuery, TrackWithPoints } from '../schemas/tracks.ts';
import { endTrack, getTrack, insertTrack, listTracks, readPoints, toTrackDto, updateTrackStats, type TrackRow } from '../db/queries/tracks.ts';
import { appendFixes, readPresenceBefore, storeFinishedTrack, trackPresence } from '../db/queries/presence.ts';
import { makeAreaGate, type AreaGate } from '../domain/track-area.ts';
import { makeGridAreaGate } from '../domain/area-gate-grid.ts';
import type { DistrictIndex } from '../domain/district-index.ts';
import type { TrackPoint } from '../domain/track-point.ts';
import { parseGpxTrack, type ParsedTrack } from '../domain/gpx-track.ts';
import { parseGeoJsonTrack } from '../domain/track-geojson.ts';
import { localHourOf } from '../domain/track-buckets.ts';
import { assertOwn, assertReadable, readableTeams, requireUser, teamForNewTrack } from './tracks-access.ts';

/** Margin around the districts inside which fixes are stored, metres. */
export const AREA_MARGIN_M = 200;

const gates = new WeakMap<DistrictIndex, AreaGate>();
function gateFor(index: DistrictIndex): AreaGate {
  let g = gates.get(index);
  if (!g) gates.set(index, (g = makeGridAreaGate(makeAreaGate(index, AREA_MARGIN_M), index, AREA_MARGIN_M)));
  return g;
}

const localDateOf = (ms: number) => localHourOf(Math.floor(ms / 3_600_000) * 3_600_000).localDate;

function splitByArea(points: readonly TrackPoint[], gate: AreaGate): { inside: TrackPoint[]; outside: number } {
  const inside = points.filter((p) => gate.admits(p.lon, p.lat));
  return { inside, outside: points.length - inside.length };
}

const IMPORT_TYPES: Record<string, (text: string) => ParsedTrack> = {
  'application/gpx+xml': parseGpxTrack,
  'application/xml': parseGpxTrack,
  'text/xml': parseGpxTrack,
  'application/geo+json': parseGeoJsonTrack,
  'application/json': parseGeoJsonTrack,
};

export function trackRoutes(deps: AppDeps) {
  const { sql } = deps;

  /**
   * Stores the caller's admitted fixes and brings presence up to date, in one transaction with
   * the idempotency key: the key's claim, the track's lock and presence's reads go down together,
   * then the fixes, presence's writes, the counts and the key's answer.
   */
  const append = async (c: Context, id: string, points: readonly TrackPoint[], body: unknown) => {
    const user = requireUser(c);
    const area = await deps.area.index();
    const { inside, outside } = splitByArea(points, gateFor(area));
    const key = readIdempotencyKey(c.req.header('Idempotency-Key'));
    const earliestMs = inside.reduce((m, p) => Math.min(m, p.t), Infinity);
    return once(
      sql,
      `POST /api/tracks/${id}/points`,
      key,
      body,
      200,
      async (tx, [locked, before]) => {
        if (locked.reducedAt) throw new HttpProblem(409, 'This track has been reduced to presence aggregates after the retention period; it takes no more points.', { code: 'track-reduced' });
        const { accepted, result: r, written } = await appendFixes(tx, locked, area, inside, before);
        const stats = updateTrackStats(tx, id, { pointCount: r.storedPoints, discarded: r.discardedTotal, outsideAdded: outside, last: r.last });
        return new Pipelined(
          { accepted, duplicates: inside.length - accepted, outside, discarded: r.discarded, pointCount: r.storedPoints, cells: r.cells },
          Promise.all([written, stats]),
        );
      },
      // Under the lock (a batch of the same track waits here), then presence's reads.
      (tx: Tx) => Promise.all([getTrack(tx, id, { forUpdate: true }).then((t) => assertOwn(user, t, id)), readPresenceBefore(tx, id, earliestMs)]),
    );
  };

  const readTrack = async (c: Context, track: TrackRow) => {
    const points = await readPoints(sql, track.id);
    await audit(sql, { ...auditContext(c), action: 'tracks.read', target: `track:${track.id}`, at: deps.now(), detail: { team: track.teamId, points: points.length } });
    return { ...toTrackDto(track), points: points.map((p) => ({ t: new Date(p.t).toISOString(), lat: p.lat, lon: p.lon, acc: p.accuracyM ?? null })) };
  };

  return new Hono()
    .post(
      '/',
      describe({
        summary: 'Start a patrol track',
        description: "Opens a track for the caller's team and shift. Send fixes with POST /api/tracks/{id}/points and close it with POST /api/tracks/{id}/end.",
        tags: ['tracks'],
        headers: [{ name: 'Idempotency-Key', description: 'A retried start returns the same track' }],
        responses: { 201: { description: 'The new track', schema: Track }, 403: { description: 'Another team' }, 422: { description: 'No team' } },
      }),
      guard('tracks:write'),
      validate('json', NewTrack),
      async (c) => {
        const user = requireUser(c);
        const input = c.req.valid('json');
        const team = teamForNewTrack(user, input.team);
        const startedMs = input.startedAt ? Date.parse(input.startedAt) : deps.now();
        const key = readIdempotencyKey(c.req.header('Idempotency-Key'));
        const res = await once(sql, `POST /api/tracks ${user.id}`, key, input, 201, async (tx) =>
          toTrackDto(
            await insertTrack(tx, {
              id: deps.newId(),
              userId: user.id,
              teamId: team,
              shiftDate: input.shift?.date ?? localDateOf(startedMs),
              shiftStart: input.shift?.start ?? null,
              shiftEnd: input.shift?.end ?? null,
              source: 'live',
              startedAt: new Date(startedMs),
              endedAt: null,
            }),
          ),
        );
        c.header('Location', `/api/tracks/${res.body.id}`);
        return c.json(res.body, 201);
      },
    )
    .post(
      '/import',
      describe({
        summary: 'Import a finished patrol from GPX 1.1 or GeoJSON',
        description: 'The file is the request body. Fixes outside the districts (+200 m) are not stored. Answers with the new track and its presence summary.',
        tags: ['tracks'],
        requestBody: { contentType: 'application/gpx+xml', description: 'A GPX 1.1 file with <trk><trkseg><trkpt><time>, or application/geo+json with timed positions' },
        headers: [{ name: 'Idempotency-Key', description: 'Importing the same file again with the same key stores it once' }],
        responses: { 201: { description: 'The imported track', schema: ImportResult }, 415: { description: 'Not GPX or GeoJSON' }, 422: { description: 'Unreadable file, or no fix inside the area' } },
      }),
      guard('tracks:write'),
      validate('query', ImportQuery),
      async (c) => {
        const user = requireUser(c);
        const q = c.req.valid('query');
        const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
        const parse = IMPORT_TYPES[type];
        if (!parse) throw new HttpProblem(415, `Send the file with Content-Type application/gpx+xml (GPX 1.1) or application/geo+json, not "${type || 'none'}".`, { code: 'track-file-type' });
        const team = teamForNewTrack(user, q.team);
        const text = await c.req.text();
        const parsed = parse(text);
        const area = await deps.area.index();
        const { inside, outside } = splitByArea(parsed.points, gateFor(area));
        if (!inside.length) throw new HttpProblem(422, `None of the file's ${parsed.points.length} points lies within the districts (or 200 m of them); nothing was stored.`, { code: 'track-outside-area' });
        const startMs = inside.reduce((m, p) => Math.min(m, p.t), Infinity);
        const endMs = inside.reduce((m, p) => Math.max(m, p.t), -Infinity);
        const key = readIdempotencyKey(c.req.header('Idempotency-Key'));
        const res = await once(sql, `POST /api/tracks/import ${user.id}`, key, { q, text }, 201, async (tx) => {
          const { track: stored, result: r } = await storeFinishedTrack(
            tx,
            {
              id: deps.newId(),
              userId: user.id,
              teamId: team,
              shiftDate: localDateOf(startMs),
              shiftStart: q.shiftStart ?? null,
              shiftEnd: q.shiftEnd ?? null,
              source: type.includes('json') ? 'geojson' : 'gpx',
              startedAt: new Date(startMs),
              endedAt: new Date(endMs),
            },
            inside,
            outside,
            area,
          );
          return { ...toTrackDto(stored), name: parsed.name, discarded: r.discarded, cells: r.cells };
        });
        c.header('Location', `/api/tracks/${res.body.id}`);
        return c.json(res.body, 201);
      },
    )
    .get(
      '/mine',
      describe({ summary: 'My patrol tracks', description: 'Tracks the caller recorded, newest first.', tags: ['tracks'], responses: { 200: { description: 'Tracks', schema: TrackList } } }),
      guard('tracks:write'),
      validate('query', TrackListQuery),
      async (c) => {
        const user = requireUser(c);
        const q = c.req.valid('query');
        const rows = await listTracks(sql, { userId: user.id, from: q.from, to: q.to, isOpen: q.open === 'true' }, q.limit);
        return c.json({ items: rows.map(toTrackDto) }, 200);
      },
    )
    .get(
      '/mine/:id',
      describe({ summary: 'One of my tracks with its raw fixes', description: 'Audit-logged.', tags: ['tracks'], responses: { 200: { description: 'The track', schema: TrackWithPoints }, 404: { description: 'Not yours or no such track' } } }),
      guard('tracks:write'),
      validate('param', TrackIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const track = assertOwn(requireUser(c), await getTrack(sql, id), id);
        return c.json(await readTrack(c, track), 200);
      },
    )
    .get(
      '/mine/:id/presence',
      describe({ summary: 'Presence per cell of one of my tracks', tags: ['tracks'], responses: { 200: { description: 'Minutes per cell', schema: Presence }, 404: { description: 'Not yours' } } }),
      guard('tracks:write'),
      validate('param', TrackIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        assertOwn(requireUser(c), await getTrack(sql, id), id);
        return c.json({ trackId: id, cells: await trackPresence(sql, id) }, 200);
      },
    )
    .post(
      '/:id/points',
      describe({
        summary: 'Append a batch of fixes',
        description: 'Fixes may arrive out of order and repeated; fixes outside the districts (+200 m) are not stored; impossible jumps and inaccurate fixes are kept out of presence and counted. Presence is brought up to date in the same transaction (from the last checkpoint before the earliest new fix; the result equals a full recompute).',
        tags: ['tracks'],
        headers: [{ name: 'Idempotency-Key', description: 'A retried batch is stored once and answered the same' }],
        responses: { 200: { description: 'What was stored', schema: AppendResult }, 404: { description: 'Not your track' }, 409: { description: 'Track already reduced' } },
      }),
      guard('tracks:write'),
      validate('param', TrackIdParam),
      validate('json', PointBatch),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const points = body.points.map((p) => ({ t: typeof p.t === 'number' ? p.t : Date.parse(p.t), lat: p.lat, lon: p.lon, accuracyM: p.acc ?? null }));
        const res = await append(c, id, points, body);
        if (res.replayed) c.header('Idempotent-Replayed', 'true');
        return c.json(res.body, 200);
      },
    )
    .post(
      '/:id/end',
      describe({ summary: 'End a patrol track', description: 'Late fixes may still be appended afterwards (a phone that was offline).', tags: ['tracks'], responses: { 200: { description: 'The ended track', schema: Track }, 404: { description: 'Not your track' } } }),
      guard('tracks:write'),
      validate('param', TrackIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        assertOwn(requireUser(c), await getTrack(sql, id), id);
        await endTrack(sql, id, new Date(deps.now()));
        return c.json(toTrackDto((await getTrack(sql, id))!), 200);
      },
    )
    .get(
      '/',
      describe({ summary: 'Team tracks', description: "A team leader sees their team's tracks; the chief sees every team's (filter with team=).", tags: ['tracks'], responses: { 200: { description: 'Tracks', schema: TrackList } } }),
      guard('tracks:read-team'),
      validate('query', TrackListQuery),
      async (c) => {
        const q = c.req.valid('query');
        const teams = readableTeams(requireUser(c), q.team);
        const rows = teams && teams.length === 0 ? [] : await listTracks(sql, { teams, from: q.from, to: q.to, isOpen: q.open === 'true' }, q.limit);
        return c.json({ items: rows.map(toTrackDto) }, 200);
      },
    )
    .get(
      '/:id',
      describe({ summary: 'One track with its raw fixes', description: 'Staff whereabouts: every read is audit-logged. Reduced tracks have no fixes left.', tags: ['tracks'], responses: { 200: { description: 'The track', schema: TrackWithPoints }, 404: { description: 'No such track you may see' } } }),
      guard('tracks:read-team'),
      validate('param', TrackIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const track = assertReadable(requireUser(c), await getTrack(sql, id), id);
        return c.json(await readTrack(c, track), 200);
      },
    )
    .get(
      '/:id/presence',
      describe({ summary: 'Presence per cell of a track', description: 'Minutes in each H3 res-10 cell and whether a visit there was a stop (≥ 3 min).', tags: ['tracks'], responses: { 200: { description: 'Minutes per cell', schema: Presence }, 404: { description: 'No such track you may see' } } }),
      guard('tracks:read-team'),
      validate('param', TrackIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        assertReadable(requireUser(c), await getTrack(sql, id), id);
        return c.json({ trackId: id, cells: await trackPresence(sql, id) }, 200);
      },
    );
}

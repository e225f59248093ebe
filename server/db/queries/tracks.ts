// The tracks and track_points tables: create, append, end, read and list patrol tracks.
import type postgres from 'postgres';
import { numbers, type Sql, type Tx } from '../sql.ts';
import type { TrackPoint } from '../../domain/track-point.ts';

export interface TrackRow {
  id: string;
  userId: string | null;
  teamId: string;
  shiftDate: string;
  shiftStart: string | null;
  shiftEnd: string | null;
  source: string;
  startedAt: Date;
  endedAt: Date | null;
  pointCount: number;
  discardedCount: number;
  outsideCount: number;
  lastLat: number | null;
  lastLon: number | null;
  lastAt: Date | null;
  reducedAt: Date | null;
}

export interface TrackDto {
  id: string;
  team: string;
  userId: string | null;
  shift: { date: string; start: string | null; end: string | null };
  source: string;
  startedAt: string;
  endedAt: string | null;
  pointCount: number;
  discardedCount: number;
  outsideCount: number;
  reduced: boolean;
}

const COLUMNS = (sql: Sql | Tx) => sql`
  id, user_id as "userId", team_id as "teamId", to_char(shift_date, 'YYYY-MM-DD') as "shiftDate",
  shift_start as "shiftStart", shift_end as "shiftEnd", source, started_at as "startedAt", ended_at as "endedAt",
  point_count as "pointCount", discarded_count as "discardedCount", outside_count as "outsideCount",
  last_lat as "lastLat", last_lon as "lastLon", last_at as "lastAt", reduced_at as "reducedAt"`;

export function toTrackDto(r: TrackRow): TrackDto {
  return {
    id: r.id,
    team: r.teamId,
    userId: r.userId,
    shift: { date: r.shiftDate, start: r.shiftStart, end: r.shiftEnd },
    source: r.source,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    pointCount: r.pointCount,
    discardedCount: r.discardedCount,
    outsideCount: r.outsideCount,
    reduced: r.reducedAt !== null,
  };
}

export interface NewTrackRow {
  id: string;
  userId: string | null;
  teamId: string;
  shiftDate: string;
  shiftStart: string | null;
  shiftEnd: string | null;
  source: 'live' | 'gpx' | 'geojson';
  startedAt: Date;
  endedAt: Date | null;
}

export async function insertTrack(tx: Sql | Tx, t: NewTrackRow): Promise<TrackRow> {
  const [row] = await tx<TrackRow[]>`
    insert into tracks (id, user_id, team_id, shift_date, shift_start, shift_end, source, started_at, ended_at)
    values (${t.id}, ${t.userId}, ${t.teamId}, ${t.shiftDate}::date, ${t.shiftStart}, ${t.shiftEnd}, ${t.source}, ${t.startedAt}, ${t.endedAt})
    returning ${COLUMNS(tx)}`;
  return row!;
}

export async function getTrack(sql: Sql | Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<TrackRow | null> {
  const [row] = await sql<TrackRow[]>`select ${COLUMNS(sql)} from tracks where id = ${id} ${opts.forUpdate ? sql`for update` : sql``}`;
  return row ?? null;
}

/**
 * Stores fixes; a fix at an instant the track already has is skipped (so is a repeat within
 * `points`: the first is stored). Returns how many were new. An accuracy is stored as float4
 * rounded from the double (as Math.fround does), so a caller can know the stored value.
 * `allNew`: the caller knows (under the track's lock) that no instant is stored yet nor
 * repeated: a plain insert, cheaper than the conflict check (a repeat would fail it).
 */
export async function insertPoints(tx: Sql | Tx, trackId: string, points: readonly TrackPoint[], opts: { allNew?: boolean } = {}): Promise<number> {
  if (!points.length) return 0;
  const res = await tx`
    insert into track_points (track_id, t, lat, lon, accuracy_m)
    select ${trackId}::uuid, to_timestamp(t / 1000.0), lat, lon, acc::float4
    from unnest(${numbers(points.map((p) => p.t))}::float8[], ${numbers(points.map((p) => p.lat))}::float8[],
                ${numbers(points.map((p) => p.lon))}::float8[], ${numbers(points.map((p) => p.accuracyM ?? null))}::float8[]) as u(t, lat, lon, acc)
    ${opts.allNew ? tx`` : tx`on conflict (track_id, t) do nothing`}`;
  return res.count;
}

/** Every stored fix of a track in time order, or those from `fromMs` (epoch ms) on. */
export async function readPoints(sql: Sql | Tx, trackId: string, fromMs?: number): Promise<TrackPoint[]> {
  return (await readPointsFrom(sql, trackId, fromMs === undefined ? null : sql`to_timestamp(${fromMs - 0.5}::float8 / 1000)`)).points;
}

/**
 * The stored fixes of a track at or after the instant `from` (an SQL timestamptz expression; null:
 * all), in time order. `wholeMs`: every instant is a whole millisecond, i.e. exactly the `t` it
 * was stored from (the others are rounded to one).
 */
export async function readPointsFrom(sql: Sql | Tx, trackId: string, from: postgres.Fragment | null): Promise<{ points: TrackPoint[]; wholeMs: boolean }> {
  const rows = await sql<{ t: number; lat: number; lon: number; a: number | null }[]>`
    select (extract(epoch from t) * 1000)::float8 as t, lat, lon, accuracy_m::float8 as a
    from track_points where track_id = ${trackId} ${from === null ? sql`` : sql`and t >= ${from}`}
    order by t`;
  let wholeMs = true;
  const points = rows.map((r) => {
    const t = Math.round(r.t);
    if (t !== r.t) wholeMs = false;
    return { t, lat: r.lat, lon: r.lon, accuracyM: r.a };
  });
  return { points, wholeMs };
}

export async function updateTrackStats(tx: Sql | Tx, id: string, s: { pointCount: number; discarded: number; outsideAdded: number; last: TrackPoint | null }): Promise<void> {
  await tx`
    update tracks set point_count = ${s.pointCount}, discarded_count = ${s.discarded} + outside_count + ${s.outsideAdded},
      outside_count = outside_count + ${s.outsideAdded},
      last_lat = ${s.last?.lat ?? null}, last_lon = ${s.last?.lon ?? null},
      last_at = ${s.last ? new Date(s.last.t) : null}
    where id = ${id}`;
}

export async function endTrack(sql: Sql | Tx, id: string, at: Date): Promise<void> {
  await sql`update tracks set ended_at = greatest(${at}, coalesce(last_at, started_at)) where id = ${id} and ended_at is null`;
}

export interface TrackListFilter {
  userId?: string | undefined;
  teams?: string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  isOpen?: boolean | undefined;
}

export async function listTracks(sql: Sql, f: TrackListFilter, limit: number): Promise<TrackRow[]> {
  return sql<TrackRow[]>`
    select ${COLUMNS(sql)} from tracks
    where true
      ${f.userId !== undefined ? sql`and user_id = ${f.userId}` : sql``}
      ${f.teams ? sql`and team_id = any(${f.teams}::text[])` : sql``}
      ${f.from ? sql`and coalesce(ended_at, last_at, started_at) >= ${f.from}` : sql``}
      ${f.to ? sql`and started_at <= ${f.to}` : sql``}
      ${f.isOpen ? sql`and ended_at is null` : sql``}
    order by started_at desc, id
    limit ${limit}`;
}

/** Teams on patrol now: open tracks with a fix since `since`, latest position each. */
export async function livePositions(sql: Sql, since: Date): Promise<{ trackId: string; team: string; lat: number; lon: number; at: Date; startedAt: Date }[]> {
  return sql`
    select id as "trackId", team_id as team, last_lat as lat, last_lon as lon, last_at as at, started_at as "startedAt"
    from tracks where ended_at is null and last_at >= ${since} and last_lat is not null
    order by team_id, last_at desc`;
}

/**
 * Privacy reduction: raw points of tracks that ended (or were last heard of) before `before`
 * are deleted; the presence aggregates stay. Returns the tracks and points reduced.
 */
export async function reduceTracksBefore(sql: Sql, before: Date): Promise<{ tracks: number; points: number }> {
  return sql.begin(async (tx) => {
    const ids = await tx<{ id: string }[]>`
      update tracks set reduced_at = now(), last_lat = null, last_lon = null,
        ended_at = coalesce(ended_at, last_at, started_at)
      where reduced_at is null and coalesce(ended_at, last_at, started_at) < ${before}
      returning id`;
    if (!ids.length) return { tracks: 0, points: 0 };
    const del = await tx`delete from track_points where track_id = any(${ids.map((r) => r.id)}::uuid[])`;
    await tx`delete from track_presence_state where track_id = any(${ids.map((r) => r.id)}::uuid[])`;
    return { tracks: ids.length, points: del.count };
  }) as Promise<{ tracks: number; points: number }>;
}

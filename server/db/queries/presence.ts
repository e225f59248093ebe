// The track_presence aggregate: recomputed from a track's stored fixes inside the writer's
// transaction (clean → visits → hour buckets), and read back per track.
import { cellToLatLng } from 'h3-js';
import type { Tx, Sql } from '../sql.ts';
import type { DistrictIndex } from '../../domain/district-index.ts';
import { cleanTrack, totalDiscarded, type CleanOptions, type DiscardCounts } from '../../domain/track-clean.ts';
import { computeVisits, type PresenceOptions } from '../../domain/presence.ts';
import { visitsToBuckets } from '../../domain/track-buckets.ts';
import { bigintToCell, cellToBigint } from '../../domain/cells.ts';
import type { TrackPoint } from '../../domain/track-point.ts';
import { getTrack, insertPoints, insertTrack, readPoints, updateTrackStats, type NewTrackRow, type TrackRow } from './tracks.ts';

export interface RecomputeResult {
  storedPoints: number;
  discarded: DiscardCounts;
  discardedTotal: number;
  /** The latest kept fix (live position). */
  last: TrackPoint | null;
  cells: number;
}

export interface RecomputeOptions {
  clean?: CleanOptions;
  presence?: PresenceOptions;
}

/** Replaces the track's presence rows with ones computed from all its stored fixes. */
export async function recomputePresence(tx: Tx, track: { id: string; teamId: string }, area: DistrictIndex, opts: RecomputeOptions = {}): Promise<RecomputeResult> {
  const raw = await readPoints(tx, track.id);
  const { points, discarded } = cleanTrack(raw, opts.clean);
  const buckets = visitsToBuckets(computeVisits(points, opts.presence));
  const districtOf = new Map<string, string | null>();
  for (const b of buckets) {
    if (districtOf.has(b.cell)) continue;
    const [lat, lon] = cellToLatLng(b.cell);
    districtOf.set(b.cell, area.locate(lon, lat));
  }
  await tx`delete from track_presence where track_id = ${track.id}`;
  if (buckets.length) {
    await tx`
      insert into track_presence (track_id, team_id, cell, district_id, local_date, hour_of_week, minutes, stop_minutes, last_at)
      select ${track.id}::uuid, ${track.teamId}, * from unnest(
        ${buckets.map((b) => cellToBigint(b.cell))}::int8[], ${buckets.map((b) => districtOf.get(b.cell) ?? null)}::text[],
        ${buckets.map((b) => b.localDate)}::date[], ${buckets.map((b) => b.hourOfWeek)}::int2[],
        ${buckets.map((b) => b.minutes)}::float4[], ${buckets.map((b) => b.stopMinutes)}::float4[],
        ${buckets.map((b) => new Date(b.lastAtMs).toISOString())}::timestamptz[])`;
  }
  return { storedPoints: raw.length, discarded, discardedTotal: totalDiscarded(discarded), last: points.at(-1) ?? null, cells: districtOf.size };
}

export interface TrackCellPresence {
  cell: string;
  minutes: number;
  isStop: boolean;
}

/** Minutes per cell of one track (largest first); a cell is a stop when any visit there was. */
export async function trackPresence(sql: Sql, trackId: string): Promise<TrackCellPresence[]> {
  const rows = await sql<{ cell: string; minutes: number; stop: number }[]>`
    select cell::text as cell, sum(minutes)::float8 as minutes, sum(stop_minutes)::float8 as stop
    from track_presence where track_id = ${trackId}
    group by cell order by 2 desc, 1`;
  return rows.map((r) => ({ cell: bigintToCell(r.cell), minutes: Math.round(r.minutes * 100) / 100, isStop: r.stop > 0 }));
}

/** Stores a finished track (an import) with its fixes and presence in one transaction's handle. */
export async function storeFinishedTrack(tx: Tx, track: NewTrackRow, points: readonly TrackPoint[], outside: number, area: DistrictIndex): Promise<{ track: TrackRow; result: RecomputeResult }> {
  await insertTrack(tx, track);
  await insertPoints(tx, track.id, points);
  const result = await recomputePresence(tx, track, area);
  await updateTrackStats(tx, track.id, { pointCount: result.storedPoints, discarded: result.discardedTotal, outsideAdded: outside, last: result.last });
  return { track: (await getTrack(tx, track.id))!, result };
}

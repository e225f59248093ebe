// The track_presence aggregate, kept in the writer's transaction (clean → visits → hour
// buckets): after a batch of fixes only from the latest checkpoint before its earliest fix, with
// only the changed buckets written; read back per track.
import { createHash } from 'node:crypto';
import { cellToLatLng } from 'h3-js';
import { numbers, type Tx, type Sql } from '../sql.ts';
import type { DistrictIndex } from '../../domain/district-index.ts';
import { totalDiscarded, type CleanOptions, type DiscardCounts } from '../../domain/track-clean.ts';
import type { PresenceOptions } from '../../domain/presence.ts';
import { advancePresence, checkpointBefore, decodePresenceState, diffBuckets, encodePresenceState, mergeFixes, type PresenceState } from '../../domain/presence-incremental.ts';
import { visitsToBuckets, type PresenceBucket } from '../../domain/track-buckets.ts';
import { bigintToCell, cellToBigint } from '../../domain/cells.ts';
import type { TrackPoint } from '../../domain/track-point.ts';
import { getTrack, insertPoints, insertTrack, readPoints, readPointsFrom, updateTrackStats, type NewTrackRow, type TrackRow } from './tracks.ts';

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

type TrackRef = { id: string; teamId: string };

const areaKeys = new WeakMap<DistrictIndex, string>();

/** What a stored state was computed with (the districts and the options); another key means recompute all. */
function stateKey(area: DistrictIndex, opts: RecomputeOptions): string {
  let k = areaKeys.get(area);
  if (k === undefined) {
    k = createHash('sha256').update(JSON.stringify(area.districts.map((d) => [d.id, d.geometry]))).digest('base64url');
    areaKeys.set(area, k);
  }
  return `${k}:${JSON.stringify(opts)}`;
}

/**
 * Brings the track's presence up to date after fixes were stored, none earlier than
 * `earliestNewMs` (Infinity when none was new): recomputes from the latest checkpoint before it
 * and writes only the buckets that changed. Exactly what recomputePresence gives.
 */
export async function updatePresence(tx: Tx, track: TrackRef, area: DistrictIndex, earliestNewMs: number, opts: RecomputeOptions = {}): Promise<RecomputeResult> {
  const [row] = await tx<{ state: string }[]>`select state::text as state from track_presence_state where track_id = ${track.id}`;
  const { result, written } = await advanceStored(tx, track, area, row?.state, earliestNewMs, opts, (fromMs) => readPoints(tx, track.id, fromMs));
  await written;
  return result;
}

/** What a batch's presence update reads before the batch is inserted (behind the track's lock). */
export interface PresenceBefore {
  /** The stored state (json text), if any. */
  state: string | undefined;
  /** The fixes below are every stored fix from this instant on (epoch ms; null: all of them). */
  fromMs: number | null;
  fixes: TrackPoint[];
  /** Every instant among `fixes` is a whole millisecond. */
  wholeMs: boolean;
}

/**
 * Reads the state and the stored fixes from the latest checkpoint before `earliestNewMs` (as the
 * state's checkpoint_at column has them; all fixes without it), in one round trip: two
 * statements, pipelined.
 */
export async function readPresenceBefore(tx: Tx, trackId: string, earliestNewMs: number): Promise<PresenceBefore> {
  const checkpointAt = () => tx`(select max(a) from track_presence_state s, unnest(s.checkpoint_at) a where s.track_id = ${trackId} and a < ${String(earliestNewMs)}::float8)`;
  const [[row], stored] = await Promise.all([
    tx<{ state: string; fromMs: number | null }[]>`select state::text as state, ${checkpointAt()} as "fromMs" from track_presence_state where track_id = ${trackId}`,
    readPointsFrom(tx, trackId, tx`to_timestamp((coalesce(${checkpointAt()}, '-Infinity') - 0.5) / 1000)`),
  ]);
  return { state: row?.state, fromMs: row?.fromMs ?? null, fixes: stored.points, wholeMs: stored.wholeMs };
}

/**
 * Stores a batch of fixes and brings presence up to date, given what was read before the insert.
 * When that holds every stored fix from the checkpoint presence goes on from, the stored fixes
 * are known without reading them back, and the insert goes down the connection with presence's
 * writes; otherwise the insert goes first and the fixes are read back. Returns how many fixes
 * were new, the result, and the statements still in flight (await them before committing).
 */
export async function appendFixes(tx: Tx, track: TrackRef, area: DistrictIndex, batch: readonly TrackPoint[], before: PresenceBefore, opts: RecomputeOptions = {}): Promise<{ accepted: number; result: RecomputeResult; written: Promise<unknown> }> {
  let known: { fixes: TrackPoint[]; fresh: TrackPoint[] } | undefined;
  let inserted: Promise<number> | undefined;
  const insert = () => (inserted ??= known ? insertPoints(tx, track.id, known.fresh, { allNew: true }) : insertPoints(tx, track.id, batch));
  const readBack = (fromMs?: number) => (insert(), readPoints(tx, track.id, fromMs));
  const earliestNewMs = batch.reduce((m, p) => Math.min(m, p.t), Infinity);
  const { result, written } = await advanceStored(tx, track, area, before.state, earliestNewMs, opts, async (fromMs) => {
    // Reading from `fromMs` is needed; the fixes read before cover it when they start no later.
    if (known === undefined && before.wholeMs && (before.fromMs ?? -Infinity) <= (fromMs ?? -Infinity) && batch.every((p) => Number.isInteger(p.t))) {
      known = mergeFixes(before.fixes, batch, fromMs ?? -Infinity);
      return known.fixes;
    }
    return readBack(fromMs);
  });
  const stored = insert().then((n) => {
    if (known && n !== known.fresh.length) throw new Error(`track ${track.id}: ${n} fixes stored where ${known.fresh.length} were expected`);
    return n;
  });
  const all = Promise.all([stored, written]);
  all.catch(() => {}); // a failed statement fails the transaction; whoever awaits `written` sees it
  return { accepted: known ? known.fresh.length : await stored, result, written: all };
}

/**
 * Presence from the stored state (json text) on: from the latest checkpoint before
 * `earliestNewMs` over the fixes `read` gives from that instant (undefined: all), or over all
 * fixes when the state no longer fits. Writes are sent, not awaited: `written`.
 */
async function advanceStored(
  tx: Tx,
  track: TrackRef,
  area: DistrictIndex,
  stateText: string | undefined,
  earliestNewMs: number,
  opts: RecomputeOptions,
  read: (fromMs?: number) => Promise<TrackPoint[]>,
): Promise<{ result: RecomputeResult; written: Promise<unknown> }> {
  const key = stateKey(area, opts);
  const prev = decodePresenceState(stateText, key);
  const from = checkpointBefore(prev, earliestNewMs);
  const fixes = await read(from?.atMs);
  const resumed = advancePresence(prev, from, fixes, opts);
  // A state that no longer fits the stored fixes is dropped: recompute and rewrite everything.
  const step = resumed ?? advancePresence(null, null, from ? await read() : fixes, opts)!;
  // Both writes go down the connection together (pipelined, in order).
  const written = Promise.all([
    writeBuckets(tx, track, area, resumed ? (prev?.visits ?? null) : null, step.state),
    tx`
      insert into track_presence_state (track_id, state, checkpoint_at)
      values (${track.id}, ${encodePresenceState(step.state, key)}::text::json, ${numbers(step.state.checkpoints.map((c) => c.atMs))}::float8[])
      on conflict (track_id) do update set state = excluded.state, checkpoint_at = excluded.checkpoint_at`,
  ]);
  written.catch(() => {}); // seen by whoever awaits it (the transaction fails either way)
  return {
    result: {
      storedPoints: step.storedPoints,
      discarded: step.discarded,
      discardedTotal: totalDiscarded(step.discarded),
      last: step.last,
      cells: new Set(step.state.visits.map((v) => v.cell)).size,
    },
    written,
  };
}

/** Recomputes the track's presence from all its stored fixes and replaces its rows. */
export async function recomputePresence(tx: Tx, track: TrackRef, area: DistrictIndex, opts: RecomputeOptions = {}): Promise<RecomputeResult> {
  await tx`delete from track_presence_state where track_id = ${track.id}`;
  return updatePresence(tx, track, area, -Infinity, opts);
}

/**
 * Writes the buckets that differ from those of `before` (the visits the rows hold; null: replace
 * every row) in one statement: gone keys deleted, changed sums updated, new keys inserted.
 */
async function writeBuckets(tx: Tx, track: TrackRef, area: DistrictIndex, before: PresenceState['visits'] | null, next: PresenceState): Promise<void> {
  if (!before) await tx`delete from track_presence where track_id = ${track.id}`;
  const { insert, update, remove } = before ? diffBuckets(before, next.visits) : { insert: visitsToBuckets(next.visits), update: [], remove: [] };
  if (!insert.length && !update.length && !remove.length) return;
  const districtOf = new Map<string, string | null>();
  for (const b of insert) {
    if (districtOf.has(b.cell)) continue;
    const [lat, lon] = cellToLatLng(b.cell);
    districtOf.set(b.cell, area.locate(lon, lat));
  }
  const keys = (bs: readonly PresenceBucket[]) => [numbers(bs.map((b) => cellToBigint(b.cell) as `${bigint}`)), bs.map((b) => b.localDate), numbers(bs.map((b) => b.hourOfWeek))] as const;
  const sums = (bs: readonly PresenceBucket[]) => [numbers(bs.map((b) => b.minutes)), numbers(bs.map((b) => b.stopMinutes)), bs.map((b) => new Date(b.lastAtMs).toISOString())] as const;
  const [gCell, gDate, gHour] = keys(remove);
  const [uCell, uDate, uHour] = keys(update);
  const [uMin, uStop, uLast] = sums(update);
  const [iCell, iDate, iHour] = keys(insert);
  const [iMin, iStop, iLast] = sums(insert);
  await tx`
    with gone as (
      delete from track_presence p
      using unnest(${gCell}::int8[], ${gDate}::date[], ${gHour}::int2[]) as g(cell, local_date, hour_of_week)
      where p.track_id = ${track.id} and p.cell = g.cell and p.local_date = g.local_date and p.hour_of_week = g.hour_of_week
    ), changed as (
      update track_presence p set minutes = u.minutes, stop_minutes = u.stop_minutes, last_at = u.last_at
      from unnest(${uCell}::int8[], ${uDate}::date[], ${uHour}::int2[], ${uMin}::float4[], ${uStop}::float4[], ${uLast}::timestamptz[])
        as u(cell, local_date, hour_of_week, minutes, stop_minutes, last_at)
      where p.track_id = ${track.id} and p.cell = u.cell and p.local_date = u.local_date and p.hour_of_week = u.hour_of_week
    )
    insert into track_presence (track_id, team_id, cell, district_id, local_date, hour_of_week, minutes, stop_minutes, last_at)
    select ${track.id}::uuid, ${track.teamId}, * from unnest(
      ${iCell}::int8[], ${insert.map((b) => districtOf.get(b.cell) ?? null)}::text[], ${iDate}::date[], ${iHour}::int2[],
      ${iMin}::float4[], ${iStop}::float4[], ${iLast}::timestamptz[])`;
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

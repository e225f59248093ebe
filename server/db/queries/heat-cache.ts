// Keeps an in-process HeatCube equal to the heat_hours table: before each use it reads, in one
// repeatable-read snapshot, the heat_changes rows of transactions it has not yet seen and
// reloads exactly those local dates (all of them after a bulk change or when too stale).
// Transaction ids at or above the last snapshot's xmin may still commit later, so they are
// re-read on every refresh until they fall below a newer xmin (seen ones are skipped).
// read(fn) hides the freshness round trip: fn runs on the cube in hand while the probe is on
// the wire, and again only if the probe brought changes.
import type { Sql } from '../sql.ts';
import { HeatCube, type CubeRow } from '../../domain/heat-cube.ts';

/** Reload everything when a change spans more days than this. */
const MAX_PARTIAL_DAYS = 200;
/** Reload everything when the last refresh is older than this (the change log is pruned after a day). */
const MAX_STALE_MS = 6 * 3_600_000;

interface Change {
  xid: string;
  first: string;
  last: string;
}

const DAY_MS = 86_400_000;
function datesIn(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export interface HeatCache {
  /** The cube, current as of a snapshot taken during this call. */
  current(): Promise<HeatCube>;
  /** fn of the cube as current() gives it, computed while the freshness probe is in flight. */
  read<T>(fn: (cube: HeatCube) => T): Promise<T>;
}

/** Resolves once writes queued now (postgres.js sends them from a setImmediate) are on the wire. */
const afterQueuedWrites = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

export function makeHeatCache(sql: Sql, now: () => number = Date.now): HeatCache {
  let cube: HeatCube | null = null;
  /** Bumped whenever the cube changes (or is replaced). */
  let version = 0;
  let horizon = '0';
  let seen = new Set<string>();
  let refreshedAt = 0;
  let running: Promise<HeatCube> | null = null;

  /**
   * The rows of the given dates (all when null). One result row per (date, category, source,
   * district) carrying its rows as text — "cell hour count weight …" — which parses several times
   * faster than a million generic result rows (float8 text is exact with extra_float_digits ≥ 1,
   * the default since PostgreSQL 12: the shortest text that reads back as the same double).
   */
  async function rowsSql(tx: Sql, dates: string[] | null): Promise<CubeRow[]> {
    const groups = await tx<{ localDate: string; category: string; source: string; districtId: string; packed: string }[]>`
      select local_date::text as "localDate", category, source, district_id as "districtId",
             string_agg(to_hex(cell) || ' ' || hour || ' ' || count || ' ' || weight::text, ' ') as packed
      from heat_hours ${dates ? tx`where local_date = any(${dates}::date[])` : tx``}
      group by local_date, category, source, district_id`;
    const rows: CubeRow[] = [];
    for (const { localDate, category, source, districtId, packed } of groups) {
      const f = packed.split(' ');
      for (let i = 0; i + 3 < f.length; i += 4) {
        rows.push({ localDate, cell: f[i]!, hour: Number(f[i + 1]), category, source, districtId, weight: Number(f[i + 3]), count: Number(f[i + 2]) });
      }
    }
    return rows;
  }

  /** One round trip: the snapshot's xmin and the changes since the horizon, read in one statement (one snapshot). */
  async function probe(): Promise<HeatCube | null> {
    if (!cube || now() - refreshedAt > MAX_STALE_MS) return null;
    const [r] = await sql<{ xmin: string; xids: string[] }[]>`
      select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
             coalesce((select array_agg(xid::text) from heat_changes where xid >= ${horizon}::xid8), '{}') as xids`;
    if (!r || r.xids.some((x) => !seen.has(x))) return null;
    const xmin = BigInt(r.xmin);
    seen = new Set([...seen].filter((x) => BigInt(x) >= xmin));
    horizon = r.xmin;
    refreshedAt = now();
    return cube;
  }

  /**
   * One snapshot on a real server. Embedded PGlite is a single session shared by every pooled
   * connection, so a transaction there could interleave with others' statements: read without one.
   * That is still safe: xmin is read first, so any change committing meanwhile has an xid at or
   * above it and is re-read (its dates reloaded) on the next refresh.
   */
  let isEmbedded: boolean | undefined;
  async function inSnapshot<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (isEmbedded === undefined) {
      const [v] = await sql<{ v: string }[]>`select version() as v`;
      isEmbedded = /emscripten|wasm/i.test(v?.v ?? '');
    }
    if (isEmbedded) return fn(sql);
    return sql.begin('isolation level repeatable read read only', (tx) => fn(tx as unknown as Sql)) as Promise<T>;
  }

  async function refresh(): Promise<HeatCube> {
    const unchanged = await probe();
    if (unchanged) return unchanged;
    return inSnapshot(async (tx) => {
      const [snap] = await tx<{ xmin: string }[]>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`;
      const changes = await tx<Change[]>`select xid::text as xid, first_date::text as first, last_date::text as last from heat_changes where xid >= ${horizon}::xid8`;
      const fresh = changes.filter((c) => !seen.has(c.xid));
      const full = !cube || now() - refreshedAt > MAX_STALE_MS || fresh.some((c) => !/^\d/.test(c.first) || !/^\d/.test(c.last));
      const dates = new Set<string>();
      if (!full) for (const c of fresh) for (const d of datesIn(c.first, c.last)) dates.add(d);
      if (full || dates.size > MAX_PARTIAL_DAYS) {
        const next = new HeatCube();
        next.replaceDays([], await rowsSql(tx, null));
        cube = next;
        version++;
      } else if (dates.size) {
        const list = [...dates];
        cube!.replaceDays(list, await rowsSql(tx, list));
        version++;
      }
      const xmin = BigInt(snap!.xmin);
      seen = new Set([...seen, ...changes.map((c) => c.xid)].filter((x) => BigInt(x) >= xmin));
      horizon = snap!.xmin;
      refreshedAt = now();
      return cube!;
    });
  }

  function current(): Promise<HeatCube> {
    // Concurrent callers share one refresh; a caller arriving after it started waits for the next.
    const next = (running ?? Promise.resolve(null)).catch(() => null).then(() => refresh());
    running = next.finally(() => {
      if (running === next) running = null;
    });
    return next;
  }

  return {
    current,
    async read(fn) {
      const inHand = cube;
      const seen = version;
      const next = current();
      if (!inHand) return fn(await next);
      next.catch(() => {}); // awaited below; fn may throw first
      await afterQueuedWrites();
      const guess = fn(inHand);
      const fresh = await next;
      // Unchanged since fn ran: the probe's snapshot, taken during this call, saw this very cube.
      return version === seen ? guess : fn(fresh);
    },
  };
}

// An in-memory copy of the heat_hours aggregate that answers the heat-map query (any HeatFilter)
// with the same answer as the SQL in db/queries/heat.ts. Rows live in flat columns sorted by date
// and hour (heat-cube-store.ts), so a date range is a binary-searched run of days and an hour mask
// a set of contiguous row runs; dense sums over all dates per cell, per hour of the week and per
// facet (heat-cube-sums.ts) answer filters without dates at the size of the output. A date range
// that keeps most days is answered as those sums minus the days it leaves out, and holidays
// counted as weekend days as the weekly sums corrected on those few dates. Days are replaced
// whole when the aggregate changes (see db/queries/heat-cache.ts).
import type { DayKind } from './holidays.ts';
import { severityOf } from './severity.ts';
import type { HeatFilter } from './heat-filter.ts';
import { parentOfBigint } from './h3-parent.ts';
import { CubeDims, EMPTY_STORE, concatDays, dayNumber, makeDayStore, type CubeRow, type CubeStore } from './heat-cube-store.ts';
import { HeatSums } from './heat-cube-sums.ts';
import { keptHours } from './darkness.ts';

export type { CubeRow } from './heat-cube-store.ts';

const HOURS_PER_WEEK = 168;
/** Entries (× 24 bytes) a dense sum table may grow to by default: 2²¹ ≈ 48 MB, e.g. 168 hours × 8,192 cells. */
const MAX_SUM_ENTRIES = 2 ** 21;

export interface CubeCell {
  cell: string;
  weight: number;
  count: number;
}

/** Output slots at one resolution and their accumulators, reused by every request. */
interface Acc {
  /** Cell id → output slot. */
  slot: Int32Array;
  hex: string[];
  w: Float64Array;
  c: Int32Array;
  /** Aggregate rows matched: a cell is in the answer when this is > 0 (as in SQL's GROUP BY). */
  n: Int32Array;
}

/** A request's hours-of-the-week mask and how many hours of each weekday it keeps. */
interface Mask {
  on: Uint8Array;
  perDay: Uint8Array;
}

export class HeatCube {
  private readonly dims = new CubeDims();
  private store: CubeStore = EMPTY_STORE;
  private readonly total = new HeatSums(1);
  /** Group = real weekday × 24 + hour. */
  private byHow: HeatSums | null = new HeatSums(HOURS_PER_WEEK);
  /** Group = facet (category, source, district). */
  private byFacet: HeatSums | null = new HeatSums(1);
  private readonly accs = new Map<number, Acc>();
  private readonly mask: Mask = { on: new Uint8Array(HOURS_PER_WEEK), perDay: new Uint8Array(7) };
  private readonly darkMask: Mask = { on: new Uint8Array(HOURS_PER_WEEK), perDay: new Uint8Array(7) };

  /** maxSumEntries: past this a dense sum table (cells × hours of the week, × facets) is dropped. */
  constructor(private readonly opts: { maxSumEntries?: number } = {}) {}

  get rowCount(): number {
    return this.store.cell.length;
  }

  /** The first and last local dates held (null when empty). */
  span(): { first: string; last: string } | null {
    const { dates } = this.store;
    return dates.length ? { first: dates[0]!, last: dates.at(-1)! } : null;
  }

  /** Replaces the given dates' rows (dates absent from `rows` become empty). */
  replaceDays(dates: Iterable<string>, rows: readonly CubeRow[]): void {
    const cellsBefore = this.dims.cells.values.length;
    const byDate = new Map<string, CubeRow[]>();
    for (const r of rows) (byDate.get(r.localDate) ?? byDate.set(r.localDate, []).get(r.localDate)!).push(r);
    const changed = new Set([...dates, ...byDate.keys()]);
    const old = this.store;
    const days: (readonly [CubeStore, number])[] = [];
    old.dates.forEach((date, d) => {
      if (changed.has(date)) this.moveSums(old, d, -1);
      else days.push([old, d]);
    });
    const added = [...byDate].map(([date, rs]) => makeDayStore(date, rs, this.dims));
    const cells = this.dims.cells.values.length;
    this.total.ensure(1, cells);
    // Past the limit a dense table costs more memory than it saves time: drop it for good.
    const max = this.opts.maxSumEntries ?? MAX_SUM_ENTRIES;
    if (this.byHow && !this.byHow.ensure(HOURS_PER_WEEK, cells, max)) this.byHow = null;
    if (this.byFacet && !this.byFacet.ensure(this.dims.facetCount, cells, max)) this.byFacet = null;
    for (const s of added) {
      this.moveSums(s, 0, 1);
      days.push([s, 0]);
    }
    this.store = concatDays(days.sort((a, b) => a[0].day[a[1]]! - b[0].day[b[1]]!));
    if (cells !== cellsBefore) this.accs.clear();
  }

  /** Adds (1) or removes (−1) day d of a store to or from the dense sums. */
  private moveSums(s: CubeStore, d: number, sign: 1 | -1): void {
    for (let h = 0; h < 24; h++) {
      const how = s.dow[d]! * 24 + h;
      for (let i = s.hourStart[d * 24 + h]!, end = s.hourStart[d * 24 + h + 1]!; i < end; i++) {
        const cell = s.cell[i]!;
        const w = s.weight[i]!;
        const c = s.count[i]!;
        this.total.add(0, cell, w, c, sign);
        this.byHow?.add(how, cell, w, c, sign);
        this.byFacet?.add(s.facet[i]!, cell, w, c, sign);
      }
    }
  }

  /** Zeroed accumulators for a resolution (cell → parent slot computed once per resolution). */
  private accFor(res: number): Acc {
    let a = this.accs.get(res);
    if (!a) {
      const cells = this.dims.cells.values;
      const hexIndex = new Map<string, number>();
      const hex: string[] = [];
      const slot = new Int32Array(cells.length);
      cells.forEach((c, i) => {
        const h = res === 10 ? c : parentOfBigint(BigInt(`0x${c}`), res).toString(16);
        let k = hexIndex.get(h);
        if (k === undefined) hexIndex.set(h, (k = hex.push(h) - 1));
        slot[i] = k;
      });
      a = { slot, hex, w: new Float64Array(hex.length), c: new Int32Array(hex.length), n: new Int32Array(hex.length) };
      this.accs.set(res, a);
    }
    a.w.fill(0);
    a.c.fill(0);
    a.n.fill(0);
    return a;
  }

  /** Per facet: −1 when the filter leaves it out, else its severity weight; null when no facet matters. */
  private facetMultipliers(f: HeatFilter): Float64Array | null {
    if (!f.categories && !f.sources && !f.districts && !f.severity) return null;
    const d = this.dims;
    const allowed = (values: readonly string[], list: readonly string[] | undefined) => values.map((v) => !list || list.includes(v));
    const catOk = allowed(d.cats.values, f.categories);
    const srcOk = allowed(d.srcs.values, f.sources);
    const distOk = allowed(d.dists.values, f.districts);
    const sev = d.cats.values.map((code) => severityOf(f.severity, code));
    const m = new Float64Array(d.facetCount);
    for (let i = 0; i < m.length; i++) {
      const cat = d.facetCat[i]!;
      m[i] = catOk[cat] && srcOk[d.facetSrc[i]!] && distOk[d.facetDist[i]!] ? sev[cat]! : -1;
    }
    return m;
  }

  /** Index of the first held date after `date` (or at it, unless `after`): a binary search. */
  private dateIndex(date: string, after: boolean): number {
    const { dates } = this.store;
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d = dates[mid]!;
      if (d < date || (after && d === date)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The request's mask narrowed on one weekday to the hours whose bits are set (darkness). */
  private dayMask(weekday: number, bits: number): Mask {
    const m = this.darkMask;
    const off = weekday * 24;
    let n = 0;
    for (let h = 0; h < 24; h++) n += m.on[off + h] = this.mask.on[off + h]! & ((bits >> h) & 1);
    m.perDay[weekday] = n;
    return m;
  }

  /** The heat map for a filter: weight and count per cell at the filter's resolution, heaviest first. */
  heat(f: HeatFilter, special: ReadonlyMap<string, DayKind>): CubeCell[] {
    const store = this.store;
    const acc = this.accFor(f.res);
    const mask = this.mask;
    mask.perDay.fill(0);
    for (let i = 0; i < HOURS_PER_WEEK; i++) if ((mask.on[i] = f.mask[i] === true ? 1 : 0)) mask.perDay[(i / 24) | 0]!++;
    const on = mask.perDay.reduce((a, b) => a + b, 0);
    const facetMul = this.facetMultipliers(f);
    // Days i0 … i1 − 1 are in the date range.
    const i0 = f.fromDate ? this.dateIndex(f.fromDate, false) : 0;
    const i1 = Math.max(i0, f.toDate ? this.dateIndex(f.toDate, true) : store.dates.length);
    const holidays = f.holidaysAsWeekend ? special : null;
    const weekday = (d: number) => {
      const kind = holidays?.get(store.dates[d]!);
      return kind === 'holiday' ? 6 : kind === 'eve' ? 5 : store.dow[d]!;
    };

    // Rows a direct scan would touch, against the dense sums plus the rows of the left-out days.
    const frac = on / HOURS_PER_WEEK;
    const rowsIn = store.hourStart[i1 * 24]! - store.hourStart[i0 * 24]!;
    const cells = this.dims.cells.values.length;
    const byHow = facetMul ? null : this.byHow;
    const byFacet = this.byFacet;
    const groups = on === HOURS_PER_WEEK ? (!facetMul ? 1 : byFacet ? facetMul.filter((m) => m >= 0).length : Infinity) : byHow ? on : Infinity;
    // "Mörker" keeps different hours on every date: only a scan of the days in range answers it.
    const dark = f.timeOfDay && f.darkness ? { cal: f.darkness, which: f.timeOfDay } : null;
    const viaSums = f.halfLifeDays || dark ? Infinity : groups * cells + (this.rowCount - rowsIn) * frac;

    if (on === 0) {
      // Nothing can match.
    } else if (viaSums < rowsIn * frac) {
      if (on < HOURS_PER_WEEK && byHow) {
        for (let how = 0; how < HOURS_PER_WEEK; how++) if (mask.on[how]) byHow.addGroupInto(how, cells, acc.slot, 1, acc.w, acc.c, acc.n);
        // The weekly sums file holidays and eves under their real weekday: move those few dates.
        if (holidays) for (const [date, kind] of holidays) {
          const d = this.dateIndex(date, false);
          const eff = kind === 'holiday' ? 6 : 5;
          if (store.dates[d] !== date || eff === store.dow[d]) continue;
          scanDay(acc, store, d, mask, store.dow[d]!, null, -1, -1);
          scanDay(acc, store, d, mask, eff, null, 1, 1);
        }
      } else if (facetMul && byFacet) {
        for (let k = 0; k < facetMul.length; k++) if (facetMul[k]! >= 0) byFacet.addGroupInto(k, cells, acc.slot, facetMul[k]!, acc.w, acc.c, acc.n);
      } else {
        this.total.addGroupInto(0, cells, acc.slot, 1, acc.w, acc.c, acc.n);
      }
      for (let d = 0; d < i0; d++) scanDay(acc, store, d, mask, weekday(d), facetMul, -1, -1);
      for (let d = i1; d < store.dates.length; d++) scanDay(acc, store, d, mask, weekday(d), facetMul, -1, -1);
    } else {
      const refDay = f.halfLifeDays ? dayNumber(f.refDate) : 0;
      for (let d = i0; d < i1; d++) {
        const recency = f.halfLifeDays ? Math.pow(0.5, Math.max(0, refDay - store.day[d]!) / f.halfLifeDays) : 1;
        const wd = weekday(d);
        scanDay(acc, store, d, dark ? this.dayMask(wd, keptHours(dark.cal, store.dates[d]!, dark.which)) : mask, wd, facetMul, recency, 1);
      }
    }

    const out: CubeCell[] = [];
    for (let k = 0; k < acc.hex.length; k++) if (acc.n[k]! > 0) out.push({ cell: acc.hex[k]!, weight: acc.w[k]!, count: acc.c[k]! });
    return out.sort((a, b) => b.weight - a.weight);
  }
}

/**
 * Adds day d's rows whose hour the mask keeps on `weekday` (and whose facet the filter keeps)
 * into the accumulators: weight × facet multiplier × factor, count × sign, rows × sign. A day
 * whose 24 hours are all kept is read from its per-(cell, facet) sums instead of its rows.
 */
function scanDay(acc: Acc, s: CubeStore, d: number, mask: Mask, weekday: number, facetMul: Float64Array | null, factor: number, sign: 1 | -1): void {
  const hours = mask.perDay[weekday]!;
  if (hours === 24) scanRuns(acc, s.dCell, s.dFacet, s.dWeight, s.dCount, s.dRows, s.dayStart[d]!, s.dayStart[d + 1]!, facetMul, factor, sign);
  else if (hours > 0) {
    const off = weekday * 24;
    const at = d * 24;
    for (let h = 0; h < 24; ) {
      if (!mask.on[off + h]) {
        h++;
        continue;
      }
      let e = h + 1;
      while (e < 24 && mask.on[off + e]) e++;
      scanRuns(acc, s.cell, s.facet, s.weight, s.count, null, s.hourStart[at + h]!, s.hourStart[at + e]!, facetMul, factor, sign);
      h = e;
    }
  }
}

/**
 * Adds entries [a, b) of the given columns (each one aggregate row unless `rows` says more).
 * Four loops, so that the hot one has no per-row test of what the filter asks.
 */
function scanRuns(acc: Acc, cell: Int32Array, facet: Int32Array, weight: Float64Array, count: Int32Array, rows: Int32Array | null, a: number, b: number, facetMul: Float64Array | null, factor: number, sign: 1 | -1): void {
  const { slot, w, c, n } = acc;
  if (facetMul && rows) {
    for (let i = a; i < b; i++) {
      const fm = facetMul[facet[i]!]!;
      if (fm < 0) continue;
      const k = slot[cell[i]!]!;
      w[k] = w[k]! + weight[i]! * fm * factor;
      c[k] = c[k]! + sign * count[i]!;
      n[k] = n[k]! + sign * rows[i]!;
    }
  } else if (facetMul) {
    for (let i = a; i < b; i++) {
      const fm = facetMul[facet[i]!]!;
      if (fm < 0) continue;
      const k = slot[cell[i]!]!;
      w[k] = w[k]! + weight[i]! * fm * factor;
      c[k] = c[k]! + sign * count[i]!;
      n[k] = n[k]! + sign;
    }
  } else if (rows) {
    for (let i = a; i < b; i++) {
      const k = slot[cell[i]!]!;
      w[k] = w[k]! + weight[i]! * factor;
      c[k] = c[k]! + sign * count[i]!;
      n[k] = n[k]! + sign * rows[i]!;
    }
  } else {
    for (let i = a; i < b; i++) {
      const k = slot[cell[i]!]!;
      w[k] = w[k]! + weight[i]! * factor;
      c[k] = c[k]! + sign * count[i]!;
      n[k] = n[k]! + sign;
    }
  }
}

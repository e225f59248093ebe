// An in-memory copy of the heat_hours aggregate, in typed arrays per local date, that answers
// the heat-map query (any HeatFilter) by one pass over the matching days — the same answer as
// the SQL in db/queries/heat.ts, without a database round trip per row. Days are replaced
// whole when the aggregate changes (see db/queries/heat-cache.ts).
import { effectiveWeekday, type DayKind } from './holidays.ts';
import { severityOf } from './severity.ts';
import { daysBetween, type HeatFilter } from './heat-filter.ts';
import { parentOfBigint } from './h3-parent.ts';

export interface CubeRow {
  localDate: string;
  cell: string; // hex, resolution 10
  hour: number;
  category: string;
  source: string;
  districtId: string;
  weight: number;
  count: number;
}

interface DaySlice {
  date: string;
  cell: Int32Array;
  hour: Uint8Array;
  cat: Uint8Array;
  src: Uint8Array;
  dist: Uint8Array;
  weight: Float64Array;
  count: Int32Array;
}

/** A string ↔ small integer dictionary. */
class Dict {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  id(v: string): number {
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.index.set(v, i);
    }
    return i;
  }
  has(v: string): number | undefined {
    return this.index.get(v);
  }
}

export class HeatCube {
  private readonly days = new Map<string, DaySlice>();
  private sortedDates: string[] = [];
  private readonly cells = new Dict();
  private readonly cats = new Dict();
  private readonly srcs = new Dict();
  private readonly dists = new Dict();
  /** Per resolution: cell index → output slot, and the slot's hex cell. */
  private parents = new Map<number, { slot: Int32Array; hex: string[] }>();

  get rowCount(): number {
    let n = 0;
    for (const d of this.days.values()) n += d.cell.length;
    return n;
  }

  /** Replaces the given dates' rows (dates absent from `rows` become empty). */
  replaceDays(dates: Iterable<string>, rows: readonly CubeRow[]): void {
    for (const d of dates) this.days.delete(d);
    const byDate = new Map<string, CubeRow[]>();
    for (const r of rows) (byDate.get(r.localDate) ?? byDate.set(r.localDate, []).get(r.localDate)!).push(r);
    const cellsBefore = this.cells.values.length;
    for (const [date, rs] of byDate) {
      const n = rs.length;
      const s: DaySlice = { date, cell: new Int32Array(n), hour: new Uint8Array(n), cat: new Uint8Array(n), src: new Uint8Array(n), dist: new Uint8Array(n), weight: new Float64Array(n), count: new Int32Array(n) };
      rs.forEach((r, i) => {
        s.cell[i] = this.cells.id(r.cell);
        s.hour[i] = r.hour;
        s.cat[i] = this.cats.id(r.category);
        s.src[i] = this.srcs.id(r.source);
        s.dist[i] = this.dists.id(r.districtId);
        s.weight[i] = r.weight;
        s.count[i] = r.count;
      });
      this.days.set(date, s);
    }
    if (this.cells.values.length !== cellsBefore) this.parents.clear();
    this.sortedDates = [...this.days.keys()].sort();
  }

  private parentSlots(res: number): { slot: Int32Array; hex: string[] } {
    let p = this.parents.get(res);
    if (!p) {
      const hexIndex = new Map<string, number>();
      const hex: string[] = [];
      const slot = new Int32Array(this.cells.values.length);
      this.cells.values.forEach((c, i) => {
        const h = res === 10 ? c : parentOfBigint(BigInt(`0x${c}`), res).toString(16);
        let k = hexIndex.get(h);
        if (k === undefined) hexIndex.set(h, (k = hex.push(h) - 1));
        slot[i] = k;
      });
      this.parents.set(res, (p = { slot, hex }));
    }
    return p;
  }

  /** Allowed flags per dictionary id (all allowed when the filter has no list). */
  private allowed(dict: Dict, list: readonly string[] | undefined): Uint8Array {
    const a = new Uint8Array(Math.max(1, dict.values.length)).fill(list ? 0 : 1);
    for (const v of list ?? []) {
      const i = dict.has(v);
      if (i !== undefined) a[i] = 1;
    }
    return a;
  }

  /** The heat map for a filter: weight and count per cell at the filter's resolution, heaviest first. */
  heat(f: HeatFilter, special: ReadonlyMap<string, DayKind>): { cell: string; weight: number; count: number }[] {
    const { slot, hex } = this.parentSlots(f.res);
    const w = new Float64Array(hex.length);
    const c = new Int32Array(hex.length);
    const seen = new Uint8Array(hex.length);
    const catOk = this.allowed(this.cats, f.categories);
    const srcOk = this.allowed(this.srcs, f.sources);
    const distOk = this.allowed(this.dists, f.districts);
    const sev = new Float64Array(Math.max(1, this.cats.values.length)).fill(1);
    if (f.severity) this.cats.values.forEach((code, i) => (sev[i] = severityOf(f.severity, code)));
    const hourOk = new Uint8Array(24);
    for (const date of this.sortedDates) {
      if ((f.fromDate && date < f.fromDate) || (f.toDate && date > f.toDate)) continue;
      const dow = effectiveWeekday(date, f.holidaysAsWeekend, special);
      let any = 0;
      for (let h = 0; h < 24; h++) any |= hourOk[h] = f.mask[dow * 24 + h] ? 1 : 0;
      if (!any) continue;
      const recency = f.halfLifeDays ? Math.pow(0.5, Math.max(0, daysBetween(date, f.refDate)) / f.halfLifeDays) : 1;
      const s = this.days.get(date)!;
      for (let i = 0, n = s.cell.length; i < n; i++) {
        if (!hourOk[s.hour[i]!] || !catOk[s.cat[i]!] || !srcOk[s.src[i]!] || !distOk[s.dist[i]!]) continue;
        const k = slot[s.cell[i]!]!;
        w[k]! += s.weight[i]! * sev[s.cat[i]!]! * recency;
        c[k]! += s.count[i]!;
        seen[k] = 1;
      }
    }
    const out: { cell: string; weight: number; count: number }[] = [];
    for (let k = 0; k < hex.length; k++) if (seen[k]) out.push({ cell: hex[k]!, weight: w[k]!, count: c[k]! });
    return out.sort((a, b) => b.weight - a.weight);
  }
}

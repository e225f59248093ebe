// The heat cube's rows in flat columns (typed arrays) sorted by local date and then hour, so a
// date range is a run of days found by binary search and an hours-of-the-week mask selects
// contiguous row runs within each day. Beside them, each day's rows summed over its 24 hours per
// (cell, facet), for days whose every hour the mask keeps. Dictionaries turn the aggregate's
// strings into small integers; a "facet" is one (category, source, district) combination, so
// one lookup per row answers all three filters. A store is immutable: a change builds a new one
// from the unchanged days' columns (block copies) and the changed days' rows.

/** One row of heat_hours as read from the database. */
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

/** A string ↔ small integer dictionary (ids are never reused). */
export class Dict {
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
}

export class CubeDims {
  readonly cells = new Dict();
  readonly cats = new Dict();
  readonly srcs = new Dict();
  readonly dists = new Dict();
  /** Facet id → category / source / district id. */
  readonly facetCat: number[] = [];
  readonly facetSrc: number[] = [];
  readonly facetDist: number[] = [];
  private readonly facets = new Map<number, number>();

  get facetCount(): number {
    return this.facetCat.length;
  }

  private last = { category: '', source: '', districtId: '', facet: -1 };

  facet(category: string, source: string, districtId: string): number {
    const last = this.last;
    // Rows arrive grouped by facet: most calls repeat the previous one.
    if (last.facet >= 0 && category === last.category && source === last.source && districtId === last.districtId) return last.facet;
    const cat = this.cats.id(category);
    const src = this.srcs.id(source);
    const dist = this.dists.id(districtId);
    // Dictionary ids stay far below 2¹⁶, so the key is exact in a double.
    const key = (cat * 65_536 + src) * 65_536 + dist;
    let f = this.facets.get(key);
    if (f === undefined) {
      f = this.facetCat.length;
      this.facetCat.push(cat);
      this.facetSrc.push(src);
      this.facetDist.push(dist);
      this.facets.set(key, f);
    }
    this.last = { category, source, districtId, facet: f };
    return f;
  }
}

export interface CubeStore {
  /** Per day, in date order: 'YYYY-MM-DD', days since 1970-01-01, ISO weekday (0 = Monday). */
  dates: string[];
  day: Int32Array;
  dow: Uint8Array;
  /** Rows of day d, hour h: [hourStart[24d + h], hourStart[24d + h + 1]). */
  hourStart: Int32Array;
  cell: Int32Array;
  facet: Int32Array;
  weight: Float64Array;
  count: Int32Array;
  /** Day d summed over its hours per (cell, facet): entries [dayStart[d], dayStart[d + 1]). */
  dayStart: Int32Array;
  dCell: Int32Array;
  dFacet: Int32Array;
  dWeight: Float64Array;
  dCount: Int32Array;
  /** Aggregate rows summed into the entry. */
  dRows: Int32Array;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of 'YYYY-MM-DD'. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function emptyStore(days: number, rows: number, dayRows: number): CubeStore {
  return {
    dates: new Array<string>(days), day: new Int32Array(days), dow: new Uint8Array(days), hourStart: new Int32Array(days * 24 + 1),
    cell: new Int32Array(rows), facet: new Int32Array(rows), weight: new Float64Array(rows), count: new Int32Array(rows),
    dayStart: new Int32Array(days + 1), dCell: new Int32Array(dayRows), dFacet: new Int32Array(dayRows), dWeight: new Float64Array(dayRows), dCount: new Int32Array(dayRows), dRows: new Int32Array(dayRows),
  };
}

export const EMPTY_STORE: CubeStore = emptyStore(0, 0, 0);

/** One date's rows as a one-day store: rows by hour (counting sort), and summed per (cell, facet). */
export function makeDayStore(date: string, rows: readonly CubeRow[], dims: CubeDims): CubeStore {
  const perCell = new Map<number, number>();
  const s = emptyStore(1, rows.length, rows.length);
  for (const r of rows) s.hourStart[r.hour + 1]!++;
  for (let h = 0; h < 24; h++) s.hourStart[h + 1]! += s.hourStart[h]!;
  const next = s.hourStart.slice(0, 24);
  let m = 0;
  for (const r of rows) {
    const i = next[r.hour]!++;
    const cell = dims.cells.id(r.cell);
    const facet = dims.facet(r.category, r.source, r.districtId);
    s.cell[i] = cell;
    s.facet[i] = facet;
    s.weight[i] = r.weight;
    s.count[i] = r.count;
    const key = cell * 65_536 + facet;
    let j = perCell.get(key);
    if (j === undefined) {
      perCell.set(key, (j = m++));
      s.dCell[j] = cell;
      s.dFacet[j] = facet;
    }
    s.dWeight[j] = s.dWeight[j]! + r.weight;
    s.dCount[j] = s.dCount[j]! + r.count;
    s.dRows[j]!++;
  }
  s.dates[0] = date;
  s.day[0] = dayNumber(date);
  s.dow[0] = (((s.day[0] + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  s.dayStart[1] = m;
  return s;
}

/** A store of the given days (each: a store and a day index in it), in the order given. */
export function concatDays(days: readonly (readonly [CubeStore, number])[]): CubeStore {
  let rows = 0;
  let dayRows = 0;
  for (const [s, d] of days) {
    rows += s.hourStart[d * 24 + 24]! - s.hourStart[d * 24]!;
    dayRows += s.dayStart[d + 1]! - s.dayStart[d]!;
  }
  const out = emptyStore(days.length, rows, dayRows);
  let r = 0;
  let e = 0;
  days.forEach(([s, d], k) => {
    out.dates[k] = s.dates[d]!;
    out.day[k] = s.day[d]!;
    out.dow[k] = s.dow[d]!;
    const a = s.hourStart[d * 24]!;
    const b = s.hourStart[d * 24 + 24]!;
    for (let h = 1; h <= 24; h++) out.hourStart[k * 24 + h] = s.hourStart[d * 24 + h]! - a + r;
    out.cell.set(s.cell.subarray(a, b), r);
    out.facet.set(s.facet.subarray(a, b), r);
    out.weight.set(s.weight.subarray(a, b), r);
    out.count.set(s.count.subarray(a, b), r);
    r += b - a;
    const da = s.dayStart[d]!;
    const db = s.dayStart[d + 1]!;
    out.dCell.set(s.dCell.subarray(da, db), e);
    out.dFacet.set(s.dFacet.subarray(da, db), e);
    out.dWeight.set(s.dWeight.subarray(da, db), e);
    out.dCount.set(s.dCount.subarray(da, db), e);
    out.dRows.set(s.dRows.subarray(da, db), e);
    e += db - da;
    out.dayStart[k + 1] = e;
  });
  return out;
}

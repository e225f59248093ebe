// Dense pre-aggregated sums of the heat cube over all of its dates: weight, report count and
// aggregate-row count per (group, cell), e.g. group = hour of the week or facet. Days are added
// and removed as they change, so each weight is kept as an unevaluated pair hi + lo updated with
// Knuth's TwoSum (TAOCP vol. 2, 4.2.2): adding and later removing a day leaves no rounding
// residue worth the name (error ≈ 2⁻¹⁰⁶ of the sum per update instead of 2⁻⁵³).

export class HeatSums {
  /** Cells per group in the layout (index = group × cap + cell). */
  cap: number;
  groups: number;
  hi: Float64Array;
  lo: Float64Array;
  count: Int32Array;
  /** Aggregate rows summed into the entry: an entry exists (matches) while this is > 0. */
  rows: Int32Array;

  constructor(groups: number, cap = 256) {
    this.groups = groups;
    this.cap = cap;
    const n = groups * cap;
    this.hi = new Float64Array(n);
    this.lo = new Float64Array(n);
    this.count = new Int32Array(n);
    this.rows = new Int32Array(n);
  }

  /**
   * Makes room for `groups` groups of `cells` cells (amortised doubling; contents kept). False,
   * changing nothing, when that would take more than `maxEntries` entries.
   */
  ensure(groups: number, cells: number, maxEntries = Infinity): boolean {
    let cap = this.cap;
    while (cap < cells) cap *= 2;
    let g = this.groups;
    while (g < groups) g = Math.max(1, g * 2);
    if (g * cap > maxEntries) return false;
    if (g === this.groups && cap === this.cap) return true;
    const next = new HeatSums(g, cap);
    for (let k = 0; k < this.groups; k++) {
      const from = k * this.cap;
      const to = k * cap;
      next.hi.set(this.hi.subarray(from, from + this.cap), to);
      next.lo.set(this.lo.subarray(from, from + this.cap), to);
      next.count.set(this.count.subarray(from, from + this.cap), to);
      next.rows.set(this.rows.subarray(from, from + this.cap), to);
    }
    Object.assign(this, { cap, groups: g, hi: next.hi, lo: next.lo, count: next.count, rows: next.rows });
    return true;
  }

  /** Adds (sign 1) or removes (sign −1) one aggregate row. */
  add(group: number, cell: number, weight: number, count: number, sign: 1 | -1): void {
    const i = group * this.cap + cell;
    const rows = (this.rows[i] = this.rows[i]! + sign);
    this.count[i] = this.count[i]! + sign * count;
    if (rows === 0) {
      // Empty again: exactly zero, whatever order the additions came in.
      this.hi[i] = 0;
      this.lo[i] = 0;
      return;
    }
    const a = this.hi[i]!;
    const b = sign * weight;
    const s = a + b;
    const bb = s - a;
    this.lo[i] = this.lo[i]! + ((a - (s - bb)) + (b - bb));
    this.hi[i] = s;
  }

  /**
   * Adds group `group` × `factor` into per-slot accumulators (slot[cell] = output slot).
   * `cells` is the number of cells in use.
   */
  addGroupInto(group: number, cells: number, slot: Int32Array, factor: number, w: Float64Array, c: Int32Array, n: Int32Array): void {
    const { hi, lo, count, rows } = this;
    const base = group * this.cap;
    for (let j = 0; j < cells; j++) {
      const i = base + j;
      const r = rows[i]!;
      if (r === 0) continue;
      const k = slot[j]!;
      w[k] = w[k]! + (hi[i]! + lo[i]!) * factor;
      c[k] = c[k]! + count[i]!;
      n[k] = n[k]! + r;
    }
  }
}

// Node coordinates of a whole OSM extract in 16 bytes per node: ids in a Float64Array (exact up to
// 2^53) and [lon, lat] as Int32 in 1e-7° (OSM's own precision), looked up by binary search.
// A Map would cost ~80 bytes per entry and stops at 2^24 entries; a county has ~10–15 M nodes.

const SCALE = 1e7;

export class NodeStore {
  private ids = new Float64Array(1 << 16);
  private coords = new Int32Array(1 << 17);
  private n = 0;
  private sorted = true;

  get size(): number {
    return this.n;
  }

  add(id: number, lon: number, lat: number): void {
    if (this.n === this.ids.length) this.grow();
    if (this.n > 0 && id <= this.ids[this.n - 1]!) this.sorted = false;
    this.ids[this.n] = id;
    this.coords[2 * this.n] = Math.round(lon * SCALE);
    this.coords[2 * this.n + 1] = Math.round(lat * SCALE);
    this.n++;
  }

  /** [lon, lat] of a node, or undefined when the extract does not hold it. */
  get(id: number): [number, number] | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : [this.coords[2 * i]! / SCALE, this.coords[2 * i + 1]! / SCALE];
  }

  has(id: number): boolean {
    return this.indexOf(id) >= 0;
  }

  private indexOf(id: number): number {
    if (!this.sorted) this.sort();
    let lo = 0;
    let hi = this.n - 1;
    const ids = this.ids;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  private grow(): void {
    const ids = new Float64Array(this.ids.length * 2);
    ids.set(this.ids);
    const coords = new Int32Array(this.coords.length * 2);
    coords.set(this.coords);
    this.ids = ids;
    this.coords = coords;
  }

  /** Files that are not sorted by id (JOSM saves, hand-made fixtures): sorted once, last duplicate wins. */
  private sort(): void {
    const order = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) order[i] = i;
    const ids = this.ids;
    order.sort((a, b) => ids[a]! - ids[b]! || b - a);
    const newIds = new Float64Array(Math.max(this.n, 16));
    const newCoords = new Int32Array(2 * newIds.length);
    let m = 0;
    for (let k = 0; k < this.n; k++) {
      const i = order[k]!;
      if (m > 0 && newIds[m - 1] === ids[i]) continue; // an older duplicate: the later write won
      newIds[m] = ids[i]!;
      newCoords[2 * m] = this.coords[2 * i]!;
      newCoords[2 * m + 1] = this.coords[2 * i + 1]!;
      m++;
    }
    this.ids = newIds;
    this.coords = newCoords;
    this.n = m;
    this.sorted = true;
  }
}

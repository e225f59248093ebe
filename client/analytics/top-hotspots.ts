// Which hot spots the analytics view lists: hot cells (Gi* class 1–3), strongest class first, then by z.

export interface HotspotListCell {
  cell: string;
  class: number;
  z: number;
  /** The cell centre's place name (from /api/hotspots). */
  place: string;
}

/** Hot cells (class 1–3), strongest class first, then by z; at most `limit`. */
export function topHotspots<T extends HotspotListCell>(cells: readonly T[], limit: number): T[] {
  return cells.filter((c) => c.class > 0).sort((a, b) => b.class - a.class || b.z - a.z).slice(0, limit);
}

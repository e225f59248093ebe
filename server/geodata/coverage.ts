// Street coverage per district in words: the warnings the import prints and the status command shows.

export interface DistrictKm {
  districtId: string | null;
  name: string | null;
  km: number;
}

/** Below this many km of streets a district's routes fall back to the hex grid. */
export const MIN_STREET_KM = 10;

export function formatKm(km: number): string {
  return `${km.toFixed(1)} km`;
}

/** One warning per district with fewer than minKm km of streets. */
export function coverageWarnings(coverage: readonly DistrictKm[], minKm = MIN_STREET_KM): string[] {
  return coverage
    .filter((c) => c.districtId !== null && c.km < minKm)
    .map((c) => `${c.name ?? c.districtId}: ${formatKm(c.km)} — routes there will follow the hex grid (fewer than ${minKm} km of streets)`);
}

/** "Ryd: 105.3 km" lines, the unassigned rest last. */
export function coverageLines(coverage: readonly DistrictKm[]): string[] {
  return coverage.map((c) => `${c.districtId === null ? '(outside every district)' : (c.name ?? c.districtId)}: ${formatKm(c.km)}`);
}

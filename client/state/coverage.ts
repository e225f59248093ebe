// How well the loaded street network covers a district.
import type { DistrictProps } from '../api/types.ts';

/** Below this many km of loaded streets a district's network is called missing or partial. */
export const PARTIAL_STREET_KM = 10;

export function hasPartialStreets(district: Pick<DistrictProps, 'streetKm'>): boolean {
  return district.streetKm < PARTIAL_STREET_KM;
}

// The H3 cells covering a set of districts at a resolution: the study area of the hotspot
// statistics (cells with no reports must be counted as zeros).
import { polygonToCells } from 'h3-js';
import type { DistrictShape } from './district-index.ts';

export function areaCells(districts: readonly DistrictShape[], res: number): string[] {
  const out = new Set<string>();
  for (const d of districts) {
    const polys = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
    for (const p of polys) for (const c of polygonToCells(p, res, true)) out.add(c);
  }
  return [...out].sort();
}

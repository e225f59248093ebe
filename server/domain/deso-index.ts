// Which DeSO area a report cell belongs to: the area of the report's district that holds the
// cell centre (point in polygon), else the nearest area of that district, so that every
// district's DeSO counts add up to its own count despite the slivers and overlaps of the
// simplified DeSO polygons. Answers are cached per (cell, district): a cell is located once.
import { booleanPointInPolygon, pointToPolygonDistance, bbox as turfBbox } from '@turf/turf';
import { cellToLatLng } from 'h3-js';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export interface DesoShape {
  code: string;
  districtId: string | null;
  geometry: Polygon | MultiPolygon;
}

export interface DesoIndex {
  /** DeSO code of a cell (hex H3 index) reported in `districtId`, or null when the district has no DeSO area. */
  locate(cell: string, districtId: string): string | null;
  /** Cells located so far (for tests and the bench). */
  readonly cached: number;
}

export function makeDesoIndex(areas: readonly DesoShape[]): DesoIndex {
  const byDistrict = new Map<string, { code: string; feature: Feature<Polygon | MultiPolygon>; box: number[] }[]>();
  for (const a of areas) {
    if (a.districtId === null) continue;
    const list = byDistrict.get(a.districtId) ?? [];
    list.push({ code: a.code, feature: { type: 'Feature', properties: {}, geometry: a.geometry }, box: turfBbox(a.geometry) });
    byDistrict.set(a.districtId, list);
  }
  const cache = new Map<string, string | null>();

  function find(cell: string, districtId: string): string | null {
    const candidates = byDistrict.get(districtId);
    if (!candidates?.length) return null;
    const [lat, lon] = cellToLatLng(cell);
    for (const c of candidates) {
      if (lon < c.box[0]! || lat < c.box[1]! || lon > c.box[2]! || lat > c.box[3]!) continue;
      if (booleanPointInPolygon([lon, lat], c.feature)) return c.code;
    }
    let best: { code: string; d: number } | null = null;
    for (const c of candidates) {
      const d = pointToPolygonDistance([lon, lat], c.feature, { units: 'meters' });
      if (!best || d < best.d) best = { code: c.code, d };
    }
    return best!.code;
  }

  return {
    locate(cell, districtId) {
      const key = `${cell}|${districtId}`;
      let code = cache.get(key);
      if (code === undefined) {
        code = find(cell, districtId);
        cache.set(key, code);
      }
      return code;
    },
    get cached() {
      return cache.size;
    },
  };
}

/** Reports per 1,000 residents; null without residents. */
export function per1000(count: number, population: number | null | undefined): number | null {
  return population ? (count * 1000) / population : null;
}

/**
 * Rates on small numbers mislead: a DeSO (or district) is flagged when its count is below
 * MIN_COUNT or its population below MIN_POPULATION, and the UI says so beside the rate.
 */
export const SMALL_NUMBERS = { minCount: 10, minPopulation: 500 } as const;

export function isSmallNumber(count: number, population: number | null | undefined): boolean {
  return count < SMALL_NUMBERS.minCount || !population || population < SMALL_NUMBERS.minPopulation;
}

// Point-in-district lookup. Interior H3 resolution-9 cells answer with a hash lookup; points in
// cells that touch a boundary fall back to exact point-in-polygon (turf), so answers are exact.
import { latLngToCell, polygonToCells, cellToBoundary, cellToParent, getResolution } from 'h3-js';
import { booleanPointInPolygon, booleanIntersects, polygon as turfPolygon, bbox as turfBbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

const INDEX_RES = 9;

export interface DistrictShape {
  id: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

export interface DistrictIndex {
  districts: readonly DistrictShape[];
  /**
   * Id of the district holding the point, or null outside every district. Pass the point's H3
   * cell (resolution ≥ 9) when it is already known, to save computing it again.
   */
  locate(lon: number, lat: number, cell?: string): string | null;
}

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function hexFeature(cell: string): Feature<Polygon> {
  const ring = cellToBoundary(cell, true);
  return turfPolygon([[...ring, ring[0]!]]);
}

export function makeDistrictIndex(districts: readonly DistrictShape[]): DistrictIndex {
  const interior = new Map<string, string>();
  const shapes = districts.map((d) => ({ d, feature: { type: 'Feature', properties: {}, geometry: d.geometry } as Feature<Polygon | MultiPolygon>, box: turfBbox(d.geometry) }));

  for (const { d } of shapes) {
    for (const poly of polygonsOf(d.geometry)) {
      for (const cell of polygonToCells(poly, INDEX_RES, true)) {
        const boundary = { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: poly } } as const;
        if (!booleanIntersects(hexFeature(cell), boundary)) interior.set(cell, d.id);
      }
    }
  }

  return {
    districts,
    locate(lon, lat, cell) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
      const indexCell = cell && getResolution(cell) >= INDEX_RES ? cellToParent(cell, INDEX_RES) : latLngToCell(lat, lon, INDEX_RES);
      const hit = interior.get(indexCell);
      if (hit) return hit;
      for (const { d, feature, box } of shapes) {
        if (lon < box[0] || lat < box[1] || lon > box[2] || lat > box[3]) continue;
        if (booleanPointInPolygon([lon, lat], feature)) return d.id;
      }
      return null;
    },
  };
}

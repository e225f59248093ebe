// The fallback walking graph where no street network is loaded: H3 resolution-11 cells (≈ 25 m
// edge) inside the district polygons, joined to their neighbours (gridDisk k = 1), centre to centre.
// Also the rule for when a district's streets are too sparse to route on.
import { cellToLatLng, gridDisk, polygonToCells } from 'h3-js';
import { area as turfArea } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { buildWalkGraph, type GraphLine, type WalkGraph } from './walk-graph.ts';

export const HEX_GRAPH_RES = 11;

/**
 * Street density below which a district routes on the hex grid, in km of street per km².
 * Measured on the 2018 TDDE25 extract: Ryd ≈ 21 km/km² (well covered), Skäggetorp ≈ 10 (the
 * extract stops at its north edge), Berga ≈ 3 (hardly covered).
 */
export const MIN_STREET_KM_PER_KM2 = 15;

function polygonsOf(g: Polygon | MultiPolygon): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Cells whose centre lies inside any of the polygons. */
export function hexCellsIn(geometries: readonly (Polygon | MultiPolygon)[], res = HEX_GRAPH_RES): Set<string> {
  const cells = new Set<string>();
  for (const g of geometries) for (const poly of polygonsOf(g)) for (const c of polygonToCells(poly, res, true)) cells.add(c);
  return cells;
}

/** The hex-grid graph over the polygons: one two-point line per pair of neighbouring cells. */
export function buildHexGraph(geometries: readonly (Polygon | MultiPolygon)[], res = HEX_GRAPH_RES): WalkGraph {
  const cells = hexCellsIn(geometries, res);
  const lines: GraphLine[] = [];
  const centre = (c: string): [number, number] => {
    const [lat, lon] = cellToLatLng(c);
    return [lon, lat];
  };
  for (const c of cells) {
    for (const n of gridDisk(c, 1)) if (n > c && cells.has(n)) lines.push({ coords: [centre(c), centre(n)] });
  }
  return buildWalkGraph(lines, 'hex-grid');
}

/** Area of a district polygon in km². */
export function areaKm2(g: Polygon | MultiPolygon): number {
  return turfArea({ type: 'Feature', properties: {}, geometry: g }) / 1e6;
}

/** Whether a district has enough streets to route on (else: the hex grid). */
export function hasEnoughStreets(streetKm: number, districtAreaKm2: number): boolean {
  return districtAreaKm2 > 0 && streetKm / districtAreaKm2 >= MIN_STREET_KM_PER_KM2;
}

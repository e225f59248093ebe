// Where an intervention is, as resolution-10 H3 cells: cells as given (coarser ones filled with
// their children), a drawn polygon's cells, or a place with rings around it; plus the centre.
import { cellToChildren, cellToLatLng, cellToParent, getResolution, gridDisk, latLngToCell, polygonToCells } from 'h3-js';
import type { Polygon } from 'geojson';
import { DomainError } from './domain-error.ts';
import { REPORT_RES } from './cells.ts';

export type Where =
  | { type: 'cells'; cells: readonly string[] }
  | { type: 'polygon'; polygon: Polygon }
  | { type: 'place'; lat: number; lon: number; name?: string | undefined; rings: number };

/** Most cells an intervention may cover (≈ 75 km² at resolution 10). */
export const MAX_INTERVENTION_CELLS = 5000;

export function whereToCells(where: Where): string[] {
  let cells: string[];
  if (where.type === 'cells') {
    cells = where.cells.flatMap((c) => {
      const res = getResolution(c);
      if (res < 7) throw new DomainError('cells-too-coarse', `The cell ${c} (resolution ${res}) is too large: use resolution 7 to 15.`, 'where.cells');
      return res === REPORT_RES ? [c] : res > REPORT_RES ? [cellToParent(c, REPORT_RES)] : cellToChildren(c, REPORT_RES);
    });
  } else if (where.type === 'polygon') {
    cells = polygonToCells(where.polygon.coordinates, REPORT_RES, true);
    if (!cells.length) {
      const [lon, lat] = where.polygon.coordinates[0]![0]!;
      cells = [latLngToCell(lat!, lon!, REPORT_RES)];
    }
  } else {
    cells = gridDisk(latLngToCell(where.lat, where.lon, REPORT_RES), where.rings);
  }
  const out = [...new Set(cells)].sort();
  if (out.length > MAX_INTERVENTION_CELLS) throw new DomainError('area-too-large', `The area covers ${out.length} cells; at most ${MAX_INTERVENTION_CELLS} are allowed.`, 'where');
  return out;
}

/** Mean of the cell centres (lat, lon). */
export function cellsCentre(cells: readonly string[]): { lat: number; lon: number } {
  let lat = 0;
  let lon = 0;
  for (const c of cells) {
    const [a, b] = cellToLatLng(c);
    lat += a;
    lon += b;
  }
  return { lat: lat / Math.max(1, cells.length), lon: lon / Math.max(1, cells.length) };
}

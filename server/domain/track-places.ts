// Readable place names for cells in the gap and alert lists: the cell centre named by the one
// point namer (server/domain/place-names.ts).
import { cellToLatLng } from 'h3-js';
import type { PlaceName, PointNamer } from './place-names.ts';

export type { PlaceName } from './place-names.ts';

export function makePlaceNamer(nameAt: PointNamer): (cell: string) => PlaceName {
  const cache = new Map<string, PlaceName>();
  return (cell) => {
    let name = cache.get(cell);
    if (!name) {
      const [lat, lon] = cellToLatLng(cell);
      name = nameAt(lon, lat);
      cache.set(cell, name);
    }
    return name;
  };
}

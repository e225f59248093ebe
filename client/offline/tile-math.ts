// Web-Mercator tile ranges (slippy-map numbering, as /tiles/{z}/{x}/{y}.mvt uses) for a bounding
// box: which tiles to fetch so an area's basemap works offline. Pure.

export function lonToTileX(lon: number, z: number): number {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}

export function latToTileY(lat: number, z: number): number {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
}

/** Every tile covering bbox [west, south, east, north] from minZoom to maxZoom, coarse first; at most `max` tiles. */
export function tilesForBbox(bbox: readonly [number, number, number, number], minZoom: number, maxZoom: number, max = 2000): { z: number; x: number; y: number }[] {
  const [w, s, e, n] = bbox;
  const out: { z: number; x: number; y: number }[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const x0 = lonToTileX(w, z), x1 = lonToTileX(e, z);
    const y0 = latToTileY(n, z), y1 = latToTileY(s, z);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        if (out.length >= max) return out;
        out.push({ z, x, y });
      }
    }
  }
  return out;
}

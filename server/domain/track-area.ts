// Staff privacy at the door: a fix is stored only inside a district or within a margin of one
// (default 200 m). Inside answers come from the district index; the margin ring is measured as
// the planar distance to the district edges (equirectangular at the point's latitude: exact to
// centimetres over a few hundred metres).
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { DistrictIndex } from './district-index.ts';

export interface AreaGate {
  /** Whether a fix at (lon, lat) may be stored. */
  admits(lon: number, lat: number): boolean;
}

const M_PER_DEG_LAT = 111_320;

function rings(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function segmentDistanceM(lon: number, lat: number, a: Position, b: Position, mPerDegLon: number): number {
  const ax = (a[0]! - lon) * mPerDegLon, ay = (a[1]! - lat) * M_PER_DEG_LAT;
  const bx = (b[0]! - lon) * mPerDegLon, by = (b[1]! - lat) * M_PER_DEG_LAT;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const f = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + f * dx, ay + f * dy);
}

export function makeAreaGate(index: DistrictIndex, marginM = 200): AreaGate {
  const shapes = index.districts.map((d) => {
    let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
    const rs = rings(d.geometry);
    for (const r of rs) for (const p of r) {
      minLon = Math.min(minLon, p[0]!); maxLon = Math.max(maxLon, p[0]!);
      minLat = Math.min(minLat, p[1]!); maxLat = Math.max(maxLat, p[1]!);
    }
    const padLat = marginM / M_PER_DEG_LAT;
    const padLon = marginM / (M_PER_DEG_LAT * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)) * 1.01;
    return { rs, box: [minLon - padLon, minLat - padLat, maxLon + padLon, maxLat + padLat] as const };
  });
  return {
    admits(lon, lat) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return false;
      if (index.locate(lon, lat) !== null) return true;
      const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
      for (const { rs, box } of shapes) {
        if (lon < box[0] || lat < box[1] || lon > box[2] || lat > box[3]) continue;
        for (const r of rs) for (let i = 1; i < r.length; i++) {
          if (segmentDistanceM(lon, lat, r[i - 1]!, r[i]!, mPerDegLon) <= marginM) return true;
        }
      }
      return false;
    },
  };
}

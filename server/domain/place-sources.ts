// Turns the database's rows into place index inputs: one street per name and district (its
// ways' lines together), one address per street, number and district (address points before
// buildings carrying the same address), POIs, places, named buildings, districts and team bases.
import { bbox as turfBbox, centroid as turfCentroid } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { foldName } from './place-fold.ts';
import type { LonLat, PlaceInput } from './place-index.ts';

export interface FeatureSource {
  layer: string;
  kind: string;
  name: string | null;
  districtId: string | null;
  housenumber: string | null;
  street: string | null;
  geometry: { type: string; coordinates: unknown } | null;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface PlaceSources {
  districts: readonly { id: string; name: string; geometry: Polygon | MultiPolygon }[];
  bases: readonly { id: string; name: string; districtId: string | null; lon: number; lat: number }[];
  features: readonly FeatureSource[];
  /** The walkable network's named ways; used only when `features` hold no named road. */
  networkStreets: readonly { name: string; districtId: string | null; coords: LonLat[] }[];
  /** District of a point, for rows that have none. */
  locate: (lon: number, lat: number) => string | null;
}

function linesOf(g: FeatureSource['geometry']): LonLat[][] {
  if (!g) return [];
  if (g.type === 'LineString') return [g.coordinates as LonLat[]];
  if (g.type === 'MultiLineString') return g.coordinates as LonLat[][];
  return [];
}

/** The vertex nearest the middle of the street's vertices: on the street, and central. */
function middleVertex(lines: readonly LonLat[][]): LonLat {
  let sx = 0, sy = 0, n = 0;
  for (const l of lines) for (const [x, y] of l) (sx += x, sy += y, n++);
  const cx = sx / n, cy = sy / n;
  let best = lines[0]![0]!;
  let bestD = Infinity;
  for (const l of lines) {
    for (const p of l) {
      const d = (p[0] - cx) ** 2 + (p[1] - cy) ** 2;
      if (d < bestD) [best, bestD] = [p, d];
    }
  }
  return best;
}

export function placeInputs(src: PlaceSources): PlaceInput[] {
  const out: PlaceInput[] = [];
  for (const d of src.districts) {
    const [lon, lat] = turfCentroid(d.geometry).geometry.coordinates as LonLat;
    out.push({ kind: 'district', name: d.name, districtId: d.id, lon, lat, bbox: turfBbox(d.geometry) as [number, number, number, number] });
  }
  for (const b of src.bases) out.push({ kind: 'base', name: b.name, districtId: b.districtId ?? src.locate(b.lon, b.lat), lon: b.lon, lat: b.lat });

  // Streets: one per folded name and district.
  const streets = new Map<string, { name: string; districtId: string | null; lines: LonLat[][] }>();
  const addStreet = (name: string, districtId: string | null, lines: LonLat[][]) => {
    const good = lines.filter((l) => l.length > 0);
    if (!good.length) return;
    const key = `${foldName(name)}|${districtId ?? ''}`;
    const s = streets.get(key);
    if (s) s.lines.push(...good);
    else streets.set(key, { name, districtId, lines: [...good] });
  };
  const roads = src.features.filter((f) => f.layer === 'road' && f.name);
  for (const r of roads) {
    const lines = linesOf(r.geometry);
    const mid = lines[0]?.[Math.floor(lines[0].length / 2)];
    addStreet(r.name!, r.districtId ?? (mid ? src.locate(mid[0], mid[1]) : null), lines);
  }
  if (!roads.length) for (const s of src.networkStreets) addStreet(s.name, s.districtId, [s.coords]);
  for (const s of streets.values()) {
    const [lon, lat] = middleVertex(s.lines);
    out.push({ kind: 'street', name: s.name, districtId: s.districtId, lon, lat, lines: s.lines });
  }

  // Addresses (address points first, then buildings with an address not already seen), POIs, places, named buildings.
  const seenAddress = new Set<string>();
  const ordered = [...src.features.filter((f) => f.layer === 'address'), ...src.features.filter((f) => f.layer !== 'address' && f.layer !== 'road')];
  for (const f of ordered) {
    const lon = (f.minLon + f.maxLon) / 2, lat = (f.minLat + f.maxLat) / 2;
    const districtId = f.districtId ?? src.locate(lon, lat);
    const bbox: [number, number, number, number] = [f.minLon, f.minLat, f.maxLon, f.maxLat];
    if ((f.layer === 'address' || f.layer === 'building') && f.street && f.housenumber) {
      const key = `${foldName(f.street)}|${foldName(f.housenumber)}|${districtId ?? ''}`;
      if (!seenAddress.has(key)) {
        seenAddress.add(key);
        out.push({ kind: 'address', name: `${f.street} ${f.housenumber}`, street: f.street, housenumber: f.housenumber, districtId, lon, lat, bbox });
      }
      if (f.layer === 'address' || !f.name) continue;
    }
    if (!f.name) continue;
    if (f.layer === 'poi') out.push({ kind: 'poi', name: f.name, subkind: f.kind, districtId, lon, lat, bbox });
    else if (f.layer === 'place') out.push({ kind: 'place', name: f.name, subkind: f.kind, districtId, lon, lat, bbox });
    else if (f.layer === 'building') out.push({ kind: 'building', name: f.name, subkind: f.kind, districtId, lon, lat, bbox });
  }
  return out;
}

// A grid in front of the area gate (track-area.ts), so that a batch of fixes is not an H3 lookup
// per fix: the plane is cut into squares of 0.00025° × 0.0005° (about 28 × 29 m in Linköping),
// and a square that lies wholly inside a district, or wholly farther than the margin from every
// district, answers for every fix in it; fixes in squares near an edge or near the margin's rim
// (and near the poles) ask the gate. The answers are the gate's.
//
// Why it is exact: distances are measured in the equirectangular plane at the square's centre,
// a linear map of lon/lat. A centre farther from every edge than the square's half-diagonal r
// has the whole square on its side of every edge (inside a district with it, or outside all);
// one farther than margin + r leaves every fix more than the margin from every edge. The gate
// measures at the fix's own latitude: below 80° that differs by under 4e-5 of the margin (the
// square is 0.000125° from its centre), covered by SLACK_M.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { DistrictIndex } from './district-index.ts';
import type { AreaGate } from './track-area.ts';

const LAT_STEP = 0.00025;
const LON_STEP = 0.0005;
const M_PER_DEG_LAT = 111_320;
/** Metres of safety on every comparison (rounding, and the gate's per-fix latitude scale). */
const SLACK_M = 0.5;
/** Squares remembered at most (a few MB); past it the gate answers. */
const MAX_SQUARES = 200_000;

const UNDECIDED = 0, IN = 1, OUT = 2;

function rings(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** Distance in metres from the origin to segment ab, both given in metres (x east, y north). */
function distanceToSegment(ax: number, ay: number, bx: number, by: number): number {
  const ex = bx - ax, ey = by - ay;
  const len2 = ex * ex + ey * ey;
  const f = len2 > 0 ? Math.min(1, Math.max(0, -(ax * ex + ay * ey) / len2)) : 0;
  return Math.hypot(ax + f * ex, ay + f * ey);
}

/** `gate` (built on `index` with `marginM`) with the grid in front of it. */
export function makeGridAreaGate(gate: AreaGate, index: DistrictIndex, marginM: number): AreaGate {
  const edges = index.districts.flatMap((d) => rings(d.geometry));
  const squares = new Map<number, number>();

  const classify = (iy: number, ix: number): number => {
    const lat = (iy + 0.5) * LAT_STEP, lon = (ix + 0.5) * LON_STEP;
    if (Math.abs(lat) > 80) return UNDECIDED;
    const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
    const r = Math.hypot((LAT_STEP / 2) * M_PER_DEG_LAT, (LON_STEP / 2) * mPerDegLon);
    let nearest = Infinity;
    for (const ring of edges) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1]!, b = ring[i]!;
        nearest = Math.min(nearest, distanceToSegment((a[0]! - lon) * mPerDegLon, (a[1]! - lat) * M_PER_DEG_LAT, (b[0]! - lon) * mPerDegLon, (b[1]! - lat) * M_PER_DEG_LAT));
      }
    }
    if (nearest <= r + SLACK_M) return UNDECIDED;
    if (index.locate(lon, lat) !== null) return IN;
    return nearest > marginM + r + SLACK_M ? OUT : UNDECIDED;
  };

  return {
    admits(lon, lat) {
      const iy = Math.floor(lat / LAT_STEP), ix = Math.floor(lon / LON_STEP);
      if (!Number.isFinite(iy) || !Number.isFinite(ix)) return gate.admits(lon, lat);
      const key = iy * 1_000_000 + ix;
      let k = squares.get(key);
      if (k === undefined) {
        k = classify(iy, ix);
        if (squares.size < MAX_SQUARES) squares.set(key, k);
      }
      return k === UNDECIDED ? gate.admits(lon, lat) : k === IN;
    },
  };
}

// Place search and reverse geocoding on an index of realistic size (2,000 streets, 20,000
// addresses, 1,000 POIs synthesised over the three districts, seeded): p95 of 10,000 searches
// and of 10,000 reverse look-ups, each beside a linear scan over the same places in the same run.
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { foldName } from '../../server/domain/place-fold.ts';
import { makePlaceIndex, searchPlaces, KIND_ORDER, type LonLat, type Place, type PlaceIndex } from '../../server/domain/place-index.ts';
import { placeInputs, type FeatureSource } from '../../server/domain/place-sources.ts';
import { reversePlace, STREET_SLACK_M } from '../../server/domain/place-reverse.ts';
import { labelHit } from '../../server/domain/place-names.ts';
import { localProjection } from '../../server/domain/walk-graph-snap.ts';
import { makeRandom } from '../../server/domain/synthetic-reports.ts';
import { linkopingArea } from './bench-setup.ts';
import { printTable } from './bench-table.ts';

const STREETS = 2_000, ADDRESSES = 20_000, POIS = 1_000, QUERIES = 10_000, BASELINE_QUERIES = 300;
const rnd = makeRandom(12);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const { districts, bases } = linkopingArea();
const area = makeDistrictIndex(districts);
const [W, S, E, N] = [15.535, 58.378, 15.66, 58.436];

const FIRST = ['Ås', 'Äng', 'Ö', 'Björk', 'Ek', 'Lind', 'Rön', 'Tall', 'Gran', 'Sjö', 'Berg', 'Dal', 'Hag', 'Kvarn', 'Skägge', 'Ryds', 'Lärk', 'Trast', 'Vall', 'Mjöl', 'Kyrk', 'Sol', 'Gärdes', 'Hög', 'Ängs', 'Öster', 'Väster', 'Norr', 'Söder', 'Fält'];
const MIDDLE = ['', 'a', 'e', 'bo', 'by', 'lunda', 'holms', 'ängs', 'stens', 'vik', 'åkers', 'backa', 'torps', 'hems'];
const LAST = ['gatan', 'vägen', 'stigen', 'gränd', 'backen', 'allén', 'leden', 'plan', 'torget', 'slingan'];
const POI_KINDS = ['school', 'kindergarten', 'library', 'bus_stop', 'supermarket', 'pharmacy', 'playground', 'parking', 'youth_centre', 'cafe'];

// Streets: a wandering line of 6–16 vertices (~40 m steps) each, names mostly unique.
const features: FeatureSource[] = [];
const streetLines: { name: string; line: LonLat[] }[] = [];
for (let i = 0; i < STREETS; i++) {
  const name = `${pick(FIRST)}${pick(MIDDLE)}${pick(LAST)}`;
  let lon = W + rnd() * (E - W), lat = S + rnd() * (N - S);
  const heading = rnd() * Math.PI * 2;
  const line: LonLat[] = [];
  for (let v = 0, n = 6 + Math.floor(rnd() * 11); v < n; v++) {
    line.push([lon, lat]);
    const h = heading + (rnd() - 0.5) * 0.6;
    lon += (Math.cos(h) * 40) / 58_400;
    lat += (Math.sin(h) * 40) / 111_200;
  }
  streetLines.push({ name, line });
  const lons = line.map((p) => p[0]), lats = line.map((p) => p[1]);
  features.push({ layer: 'road', kind: 'residential', name, districtId: area.locate(line[0]![0], line[0]![1]), housenumber: null, street: null, geometry: { type: 'LineString', coordinates: line }, minLon: Math.min(...lons), minLat: Math.min(...lats), maxLon: Math.max(...lons), maxLat: Math.max(...lats) });
}
// Addresses: 10 per street on average, ~15 m beside a vertex, numbered along it.
for (let i = 0; i < ADDRESSES; i++) {
  const s = streetLines[i % STREETS]!;
  const v = s.line[Math.floor(rnd() * s.line.length)]!;
  const lon = v[0] + ((rnd() - 0.5) * 30) / 58_400, lat = v[1] + ((rnd() - 0.5) * 30) / 111_200;
  const number = `${1 + Math.floor(i / STREETS) * 2 + (rnd() < 0.5 ? 1 : 0)}${rnd() < 0.1 ? 'A' : ''}`;
  features.push({ layer: 'address', kind: 'address', name: null, districtId: null, housenumber: number, street: s.name, geometry: null, minLon: lon, minLat: lat, maxLon: lon, maxLat: lat });
}
for (let i = 0; i < POIS; i++) {
  const lon = W + rnd() * (E - W), lat = S + rnd() * (N - S);
  const kind = pick(POI_KINDS);
  features.push({ layer: 'poi', kind, name: `${pick(FIRST)}${pick(MIDDLE)}${pick(['skolan', 'hallen', 'parken', 'centrum', 'kiosken', 'biblioteket'])}`, districtId: null, housenumber: null, street: null, geometry: null, minLon: lon, minLat: lat, maxLon: lon, maxLat: lat });
}

const names = new Map(districts.map((d) => [d.id, d.name]));
let t0 = performance.now();
const inputs = placeInputs({ districts, bases: bases.map((b, i) => ({ id: `base-${i}`, ...b })), features, networkStreets: [], locate: (lon, lat) => area.locate(lon, lat) });
const inputsMs = performance.now() - t0;
t0 = performance.now();
const index = makePlaceIndex(inputs, (id) => names.get(id) ?? null);
const buildMs = performance.now() - t0;

// Queries as people type them: a prefix (1–10 characters) of a place's name, half without
// å/ä/ö and in random case; a fifth are "street number" prefixes.
const undiacritic = (s: string) => s.replace(/[åä]/g, 'a').replace(/[ÅÄ]/g, 'A').replace(/ö/g, 'o').replace(/Ö/g, 'O');
const queries: string[] = [];
for (let i = 0; i < QUERIES; i++) {
  const p = pick(index.places);
  let q = p.name.slice(0, p.kind === 'address' && rnd() < 0.2 ? p.name.length : 1 + Math.floor(rnd() * 10));
  if (rnd() < 0.5) q = undiacritic(q);
  if (rnd() < 0.3) q = q.toLowerCase();
  queries.push(q);
}

/** The same search by a scan of every place (same folding, tiers and order). */
function scanSearch(ix: PlaceIndex, query: string, limit: number): Place[] {
  const q = foldName(query);
  const hits: { p: Place; tier: number }[] = [];
  for (const p of ix.places) {
    const f = ix.folded[p.id]!;
    const tier = f === q ? 0 : f.startsWith(q) ? 1 : f.includes(` ${q}`) ? 2 : -1;
    if (tier >= 0) hits.push({ p, tier });
  }
  hits.sort((a, b) => a.tier - b.tier || KIND_ORDER.indexOf(a.p.kind) - KIND_ORDER.indexOf(b.p.kind) || ix.rank[a.p.id]! - ix.rank[b.p.id]!);
  return hits.slice(0, limit).map((h) => h.p);
}

function p95(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)]!;
}

function timeEach<T>(items: readonly T[], fn: (x: T) => unknown): number[] {
  for (const x of items.slice(0, 200)) fn(x); // warm-up
  return items.map((x) => {
    const t = performance.now();
    fn(x);
    return performance.now() - t;
  });
}

let sink = 0;
let mismatches = 0;
for (const q of queries.slice(0, BASELINE_QUERIES)) {
  const a = searchPlaces(index, q, { limit: 10 }).map((h) => h.place.id).join();
  const b = scanSearch(index, q, 10).map((p) => p.id).join();
  if (a !== b && !q.includes(' ')) mismatches++;
}
const search = timeEach(queries, (q) => (sink += searchPlaces(index, q, { limit: 10 }).length));
const scan = timeEach(queries.slice(0, BASELINE_QUERIES), (q) => (sink += scanSearch(index, q, 10).length));

// Reverse geocoding: random points over the area.
const points: LonLat[] = Array.from({ length: QUERIES }, () => [W + rnd() * (E - W), S + rnd() * (N - S)]);
const { kx, ky } = localProjection((S + N) / 2);
/** The nearest address, POI or street by a scan of every point and segment (same slack for streets). */
function scanReverse(ix: PlaceIndex, [lon, lat]: LonLat): Place | null {
  const x = lon * kx, y = lat * ky;
  let best: Place | null = null, bestC = Infinity;
  for (const p of ix.places) {
    if (p.kind === 'street' && p.lines) {
      for (const line of p.lines) {
        for (let i = 1; i < line.length; i++) {
          const ax = line[i - 1]![0] * kx, ay = line[i - 1]![1] * ky, bx = line[i]![0] * kx, by = line[i]![1] * ky;
          const dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
          const t = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
          const c = Math.hypot(x - ax - t * dx, y - ay - t * dy) + STREET_SLACK_M;
          if (c < bestC) [best, bestC] = [p, c];
        }
      }
    } else if (p.kind === 'address' || p.kind === 'poi' || p.kind === 'building') {
      const c = Math.hypot(x - p.lon * kx, y - p.lat * ky);
      if (c < bestC) [best, bestC] = [p, c];
    }
  }
  return best;
}
let reverseMismatches = 0;
for (const p of points.slice(0, BASELINE_QUERIES)) if (reversePlace(index, p[0], p[1], { maxDistM: 50_000 })?.place.id !== scanReverse(index, p)?.id) reverseMismatches++;
const reverse = timeEach(points, (p) => {
  const hit = reversePlace(index, p[0], p[1]);
  if (hit) sink += labelHit(index, hit, { lon: p[0], lat: p[1] }).sv.length;
});
const reverseScan = timeEach(points.slice(0, BASELINE_QUERIES), (p) => (sink += scanReverse(index, p)?.id ?? 0));

printTable(`Place index: ${index.places.length.toLocaleString('en-US')} places (${STREETS} streets, ${ADDRESSES} addresses, ${POIS} POIs), ${index.keys.length.toLocaleString('en-US')} keys, inputs in ${inputsMs.toFixed(0)} ms, index built in ${buildMs.toFixed(0)} ms`, [
  { name: `place search p95 (${QUERIES.toLocaleString('en-US')} queries, limit 10)`, value: p95(search), unit: 'ms', baseline: p95(scan), baselineNote: `linear scan, ${BASELINE_QUERIES} queries`, target: 5, lowerIsBetter: true, note: mismatches ? `${mismatches} answers differ from the scan` : 'same answers as the scan' },
  { name: 'place search median', value: [...search].sort((a, b) => a - b)[search.length >> 1]!, unit: 'ms', baseline: [...scan].sort((a, b) => a - b)[scan.length >> 1]!, baselineNote: 'linear scan' },
  { name: `reverse geocoding p95 (${QUERIES.toLocaleString('en-US')} points, with label)`, value: p95(reverse), unit: 'ms', baseline: p95(reverseScan), baselineNote: `linear scan, ${BASELINE_QUERIES} points`, target: 2, lowerIsBetter: true, note: reverseMismatches ? `${reverseMismatches} answers differ from the scan` : `same answers as the scan${sink ? '' : '.'}` },
]);

// Builds geodata/linkoping/network.json.gz, the walkable network a fresh clone routes on, from the
// shared course snapshots of OpenStreetMap (../shared/geodata-raw/, see its SOURCES.md):
//   - TDDE25 2018 graph: topology of every highway=* way (untagged), chained between junctions;
//   - TSFS12 2017 car roads: OSM ways with name and maxspeed.
// A TDDE25 edge (node pair) that is also an edge of a TSFS12 way takes that way's name and speed;
// TSFS12 edges the TDDE25 graph lacks (east Berga, outside its extent) are added as lines.
// Clipped to the districts' bounding box plus MARGIN_M. ODbL 1.0, © OpenStreetMap contributors.
//
//   npx tsx geodata/scripts/build-network.ts [RAW_DIR]   (default ../shared/geodata-raw)
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseDistrictsGeoJson } from '../../server/geodata/area-geojson.ts';
import { clipLine, districtsBbox } from '../../server/geodata/assign-districts.ts';
import { encodeNetwork, type NetworkLine } from '../../server/geodata/network-codec.ts';

/** Margin in metres around the districts' box (the same box import-osm uses by default). */
const MARGIN_M = 1500;
const root = fileURLToPath(new URL('../../', import.meta.url));
const rawDir = process.argv[2] ?? `${root}../shared/geodata-raw`;
const outPath = `${root}geodata/linkoping/network.json.gz`;

interface RawLine {
  properties: { osm_node_ids: number[]; name?: string | null; maxspeed?: number | null };
  geometry: { coordinates: [number, number][] };
}

const readLines = (file: string): RawLine[] => (JSON.parse(readFileSync(`${rawDir}/${file}`, 'utf8')) as { features: RawLine[] }).features;
const edgeKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

interface CarEdge {
  name: string | null;
  maxspeed: number | null;
  covered: boolean;
}

const tdde25 = readLines('linkoping_highway_graph_osm2018_tdde25.geojson');
const tsfs12 = readLines('linkoping_car_roads_osm2017_tsfs12.geojson');

// 1. Every TSFS12 edge, with its way's name and speed.
const carEdges = new Map<string, CarEdge>();
for (const w of tsfs12) {
  const ids = w.properties.osm_node_ids;
  for (let i = 1; i < ids.length; i++) {
    carEdges.set(edgeKey(ids[i - 1]!, ids[i]!), { name: w.properties.name ?? null, maxspeed: w.properties.maxspeed ?? null, covered: false });
  }
}

// 2. TDDE25 segments, split into runs of edges with the same car-road attributes.
const lines: NetworkLine[] = [];
let namedEdges = 0;
for (const seg of tdde25) {
  const ids = seg.properties.osm_node_ids;
  const coords = seg.geometry.coordinates;
  let run: NetworkLine | null = null;
  for (let i = 1; i < ids.length; i++) {
    const car = carEdges.get(edgeKey(ids[i - 1]!, ids[i]!));
    if (car) {
      car.covered = true;
      if (car.name) namedEdges++;
    }
    const attrs = { name: car?.name ?? null, carRoad: car !== undefined, maxspeed: car?.maxspeed ?? null };
    if (!run || run.name !== attrs.name || run.carRoad !== attrs.carRoad || run.maxspeed !== attrs.maxspeed) {
      if (run) lines.push(run);
      run = { ...attrs, coords: [coords[i - 1]!] };
    }
    run.coords.push(coords[i]!);
  }
  if (run) lines.push(run);
}

// 3. TSFS12 edges beyond the TDDE25 extract's extent, chained along their ways. (Inside it, an edge
//    TDDE25 lacks is almost always the same street re-noded between 2017 and 2018: a duplicate.)
const extent = [Infinity, Infinity, -Infinity, -Infinity];
for (const seg of tdde25) {
  for (const [x, y] of seg.geometry.coordinates) {
    extent[0] = Math.min(extent[0]!, x);
    extent[1] = Math.min(extent[1]!, y);
    extent[2] = Math.max(extent[2]!, x);
    extent[3] = Math.max(extent[3]!, y);
  }
}
const beyondTdde25 = ([x, y]: [number, number]) => x < extent[0]! || x > extent[2]! || y < extent[1]! || y > extent[3]!;
let added = 0;
for (const w of tsfs12) {
  const ids = w.properties.osm_node_ids;
  const coords = w.geometry.coordinates;
  let run: [number, number][] = [];
  const flush = () => {
    if (run.length >= 2) {
      lines.push({ name: w.properties.name ?? null, carRoad: true, maxspeed: w.properties.maxspeed ?? null, coords: run });
      added++;
    }
    run = [];
  };
  for (let i = 1; i < ids.length; i++) {
    const e = carEdges.get(edgeKey(ids[i - 1]!, ids[i]!))!;
    if (e.covered || !(beyondTdde25(coords[i - 1]!) || beyondTdde25(coords[i]!))) {
      flush();
      continue;
    }
    e.covered = true; // a way that repeats an edge adds it once
    if (run.length === 0) run.push(coords[i - 1]!);
    run.push(coords[i]!);
  }
  flush();
}

// 4. Clip to the districts' box + margin.
const districts = parseDistrictsGeoJson(readFileSync(`${root}geodata/linkoping/districts.geojson`, 'utf8'));
const box = districtsBbox(districts, MARGIN_M);
const clipped = lines.flatMap((l) => clipLine(l.coords, box).map((coords) => ({ ...l, coords })));

const doc = encodeNetwork(clipped, {
  attribution: '© OpenStreetMap contributors',
  licence: 'ODbL 1.0 (Open Database License), https://opendatacommons.org/licenses/odbl/1-0/',
  source: 'OpenStreetMap snapshots of 2017–2018 from LiU courses TDDE25 (2018 walk graph) and TSFS12 (2017 car roads); built by geodata/scripts/build-network.ts',
});
const gz = gzipSync(JSON.stringify(doc), { level: 9 });
writeFileSync(outPath, gz);
const named = clipped.filter((l) => l.name !== null).length;
console.log(
  `${clipped.length} lines (${named} named, ${clipped.filter((l) => l.carRoad).length} car roads; ` +
    `${namedEdges} TDDE25 edges named from TSFS12, ${added} TSFS12 runs added), ${doc.names.length} names → ${outPath}: ${gz.length} bytes`,
);

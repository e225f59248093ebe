// A small synthetic OpenStreetMap extract inside Ryd (Linköping), written as .osm XML: buildings
// with addresses, a park, a lake as a multipolygon (outer ring split over two ways, an island as
// inner ring), named streets with å/ä/ö, a school, a preschool, a bus stop, a neighbourhood name,
// a trunk road (not walkable), a railway and a building far outside the area. Shared by the
// import, tile and place tests: the constants below say what the file holds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

type LonLat = [number, number];
type Tags = Record<string, string>;

/** What the fixture holds, for assertions. Coordinates are [lon, lat]. */
export const OSM_FIXTURE = {
  streets: {
    asgatan: { id: 100, name: 'Åsgatan', highway: 'residential', coords: [[15.5600, 58.4120], [15.5630, 58.4120], [15.5660, 58.4120]] as LonLat[] },
    orngrand: { id: 101, name: 'Örngränd', highway: 'footway', coords: [[15.5630, 58.4120], [15.5630, 58.4140]] as LonLat[] },
    rydsvagen: { id: 102, name: 'Rydsvägen', highway: 'tertiary', coords: [[15.5600, 58.4100], [15.5660, 58.4100]] as LonLat[] },
    /** highway=trunk: drawn in the road layer, dropped from the walkable network. */
    trunk: { id: 103, name: 'Riksväg 34', highway: 'trunk', coords: [[15.5580, 58.4090], [15.5680, 58.4090]] as LonLat[] },
  },
  /** Two buildings with addresses on Åsgatan; the first has a name. */
  buildings: [
    { id: 200, name: 'Åsgården', street: 'Åsgatan', housenumber: '12', postcode: '583 30', ring: rect(15.5610, 58.4122, 15.5614, 58.4125) },
    { id: 201, name: null, street: 'Åsgatan', housenumber: '14', postcode: '583 30', ring: rect(15.5616, 58.4122, 15.5620, 58.4125) },
  ],
  park: { id: 210, name: 'Ärtparken', ring: rect(15.5640, 58.4122, 15.5655, 58.4132) },
  school: { id: 220, name: 'Rydsskolan', ring: rect(15.5600, 58.4130, 15.5615, 58.4138) },
  /** Outer ring 0.004° × 0.002° split over ways 300 and 301; island (way 302) 0.001° × 0.0005°. */
  lake: {
    relationId: 400, name: 'Lilla Rydsjön',
    outer: [[15.5640, 58.4140], [15.5680, 58.4140], [15.5680, 58.4160], [15.5640, 58.4160]] as LonLat[],
    island: rect(15.5655, 58.4148, 15.5665, 58.4153),
  },
  preschool: { id: 50, name: 'Förskolan Gläntan', at: [15.5622, 58.4110] as LonLat },
  busStop: { id: 51, name: 'Ryds centrum', at: [15.5631, 58.4101] as LonLat },
  neighbourhood: { id: 52, name: 'Rydsgården', at: [15.5625, 58.4128] as LonLat },
  addressNode: { id: 53, street: 'Örngränd', housenumber: '3', at: [15.5633, 58.4135] as LonLat },
  railway: { id: 500, coords: [[15.5580, 58.4080], [15.5690, 58.4085]] as LonLat[] },
  /** Cross the west edge of the area's box (Ryd's west edge is 15.537° E): clipped on import. */
  edgeRoad: { id: 700, name: 'Västra Vägen', coords: [[15.4500, 58.4150], [15.5500, 58.4150], [15.5600, 58.4121]] as LonLat[] },
  edgeForest: { id: 701, ring: rect(15.4500, 58.4160, 15.5500, 58.4200) },
  /** A building in Stockholm: outside every box, never imported. */
  farBuilding: { id: 600, ring: rect(18.0600, 59.3300, 18.0604, 59.3303) },
} as const;

function rect(w: number, s: number, e: number, n: number): LonLat[] {
  return [[w, s], [e, s], [e, n], [w, n], [w, s]];
}

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const tagXml = (tags: Tags) => Object.entries(tags).map(([k, v]) => `    <tag k="${esc(k)}" v="${esc(v)}"/>`).join('\n');

/** Builds the XML: nodes (ids from 1000, shared where coordinates repeat), then ways, then relations. */
export function osmFixtureXml(): string {
  const f = OSM_FIXTURE;
  const nodeIds = new Map<string, number>();
  const nodes: string[] = [];
  const ways: string[] = [];
  let nextNode = 1000;
  const nodeAt = (p: LonLat): number => {
    const key = `${p[0]},${p[1]}`;
    let id = nodeIds.get(key);
    if (id === undefined) {
      id = nextNode++;
      nodeIds.set(key, id);
      nodes.push(`  <node id="${id}" lat="${p[1]}" lon="${p[0]}" version="1"/>`);
    }
    return id;
  };
  const way = (id: number, coords: readonly LonLat[], tags: Tags) => {
    const nds = coords.map((p) => `    <nd ref="${nodeAt(p)}"/>`).join('\n');
    ways.push(`  <way id="${id}" version="1">\n${nds}\n${tagXml(tags)}\n  </way>`);
  };
  const taggedNode = (id: number, p: LonLat, tags: Tags) =>
    nodes.push(`  <node id="${id}" lat="${p[1]}" lon="${p[0]}" version="1">\n${tagXml(tags)}\n  </node>`);

  taggedNode(f.preschool.id, f.preschool.at, { amenity: 'kindergarten', name: f.preschool.name });
  taggedNode(f.busStop.id, f.busStop.at, { highway: 'bus_stop', name: f.busStop.name, public_transport: 'platform', bus: 'yes' });
  taggedNode(f.neighbourhood.id, f.neighbourhood.at, { place: 'neighbourhood', name: f.neighbourhood.name });
  taggedNode(f.addressNode.id, f.addressNode.at, { 'addr:street': f.addressNode.street, 'addr:housenumber': f.addressNode.housenumber });

  const s = f.streets;
  way(s.asgatan.id, s.asgatan.coords, { highway: 'residential', name: s.asgatan.name, lit: 'yes', surface: 'asphalt' });
  way(s.orngrand.id, s.orngrand.coords, { highway: 'footway', name: s.orngrand.name, 'name:sv': s.orngrand.name, lit: 'no' });
  way(s.rydsvagen.id, s.rydsvagen.coords, { highway: 'tertiary', name: s.rydsvagen.name, ref: '1050', bridge: 'yes', layer: '1' });
  way(s.trunk.id, s.trunk.coords, { highway: 'trunk', name: s.trunk.name, ref: '34' });
  for (const b of f.buildings) {
    way(b.id, b.ring, { building: 'apartments', 'addr:street': b.street, 'addr:housenumber': b.housenumber, 'addr:postcode': b.postcode, ...(b.name ? { name: b.name } : {}) });
  }
  way(f.park.id, f.park.ring, { leisure: 'park', name: f.park.name });
  way(f.school.id, f.school.ring, { amenity: 'school', name: f.school.name });
  const o = f.lake.outer;
  way(300, [o[0]!, o[1]!, o[2]!], {}); // first half of the shore
  way(301, [o[0]!, o[3]!, o[2]!], {}); // second half, drawn the other way round
  way(302, f.lake.island, {});
  way(f.railway.id, f.railway.coords, { railway: 'rail', name: 'Södra stambanan' });
  way(f.edgeRoad.id, f.edgeRoad.coords, { highway: 'unclassified', name: f.edgeRoad.name });
  way(f.edgeForest.id, f.edgeForest.ring, { landuse: 'forest' });
  way(f.farBuilding.id, f.farBuilding.ring, { building: 'yes', name: 'Långt borta' });

  const relation = `  <relation id="${f.lake.relationId}" version="1">
    <member type="way" ref="300" role="outer"/>
    <member type="way" ref="301" role="outer"/>
    <member type="way" ref="302" role="inner"/>
${tagXml({ type: 'multipolygon', natural: 'water', water: 'lake', name: f.lake.name })}
  </relation>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="trygghetskartan-tests">\n${nodes.join('\n')}\n${ways.join('\n')}\n${relation}\n</osm>\n`;
}

/** Writes the fixture as `fixture.osm` into dir and returns its path. */
export function writeOsmFixture(dir: string, name = 'fixture.osm'): string {
  const path = join(dir, name);
  writeFileSync(path, osmFixtureXml());
  return path;
}

/**
 * A street network (e.g. the bundled one, decoded) as .osm XML: one node per distinct coordinate,
 * one way per line (`highway=residential` with its name where it is a car road, else `path`).
 */
export function linesToOsmXml(lines: readonly { name: string | null; carRoad: boolean; coords: readonly LonLat[] }[]): string {
  const ids = new Map<string, number>();
  const nodes: string[] = [];
  const ways: string[] = [];
  lines.forEach((l, i) => {
    const refs = l.coords.map((p) => {
      const key = `${p[0]},${p[1]}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size + 1;
        ids.set(key, id);
        nodes.push(`  <node id="${id}" lat="${p[1]}" lon="${p[0]}"/>`);
      }
      return `<nd ref="${id}"/>`;
    });
    const t: Tags = l.carRoad ? { highway: 'residential', ...(l.name ? { name: l.name } : {}) } : { highway: 'path' };
    ways.push(`  <way id="${i + 1}">${refs.join('')}\n${tagXml(t)}\n  </way>`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n${nodes.join('\n')}\n${ways.join('\n')}\n</osm>\n`;
}

// The .osm and .osm.pbf readers against hand-written fixtures (the PBF encoded independently by osmium-tool).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OsmCollector } from '../../server/geodata/osm-collector.ts';
import { parseOsmPbf } from '../../server/geodata/osm-pbf.ts';
import { makeOsmXmlHandler, parseOsmXml } from '../../server/geodata/osm-xml.ts';
import { lineLengthM } from '../../server/geodata/street-way.ts';
import { XmlTagScanner } from '../../server/geodata/xml-tags.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/geodata/${name}`, import.meta.url));

const EXPECTED_WAYS = [
  { osmWayId: 100, name: 'Rydsgången', highway: 'footway', lit: 'yes', coords: [[15.5646, 58.408], [15.5646, 58.409]] },
  { osmWayId: 101, name: 'Gamla Rydsvägen & "Co" >', highway: 'residential', lit: 'no', coords: [[15.5646, 58.409], [15.566, 58.409], [15.566, 58.408]] },
  { osmWayId: 104, name: null, highway: 'track', lit: null, coords: [[15.566, 58.408], [15.567, 58.4085]] },
  { osmWayId: 107, name: null, highway: 'path', lit: null, coords: [[15.567, 58.4085], [15.4, 58.4085]] },
  { osmWayId: 108, name: null, highway: 'residential', lit: null, coords: [[16.2, 58.6], [16.21, 58.6]] },
  // way 109 references node 999, which is not in the file: the complete piece is kept
  { osmWayId: 109, name: null, highway: 'footway', lit: null, coords: [[15.645, 58.392], [15.646, 58.392]] },
];

const EXPECTED_STATS = {
  nodes: 14,
  highwayWays: 11,
  kept: 6,
  dropped: { 'not-walkable': 3, 'no-foot-access': 2 }, // motorway, construction, trunk_link; foot=no, access=no
  missingNodeRefs: 1,
};

describe.each([
  ['tiny.osm', parseOsmXml],
  ['tiny.osm.pbf', parseOsmPbf], // zlib blobs, DenseNodes
  ['tiny-plain.osm.pbf', parseOsmPbf], // raw blobs, plain Node messages
])('%s', (file, parse) => {
  it('keeps the walkable ways with their name, highway and lit tags and exact coordinates', async () => {
    const { ways, stats } = await parse(fixture(file));
    expect(ways).toEqual(EXPECTED_WAYS);
    expect(stats).toEqual(EXPECTED_STATS);
  });

  it('gives lengths that match hand-computed great-circle distances', async () => {
    const { ways } = await parse(fixture(file));
    const byId = new Map(ways.map((w) => [w.osmWayId, w]));
    // 0.001° of latitude on a 6,371,008.8 m sphere
    expect(lineLengthM(byId.get(100)!.coords)).toBeCloseTo(111.19508, 4);
    // 0.001° of longitude at 58.392° N: 111.19508 × cos(58.392°)
    expect(lineLengthM(byId.get(109)!.coords)).toBeCloseTo(111.19508 * Math.cos((58.392 * Math.PI) / 180), 3);
  });
});

describe('parseOsmPbf', () => {
  it('reports progress up to the file size', async () => {
    const seen: [number, number][] = [];
    await parseOsmPbf(fixture('tiny.osm.pbf'), { onProgress: (read, total) => seen.push([read, total]) });
    const last = seen.at(-1)!;
    expect(last[0]).toBe(last[1]);
  });

  it('refuses a file that is not PBF', async () => {
    await expect(parseOsmPbf(fixture('tiny.osm'))).rejects.toThrow(/not an OSM PBF file/);
  });
});

describe('parseOsmXml', () => {
  it('refuses a file that is not OSM XML', async () => {
    await expect(parseOsmXml(fixture('../../geodata/osm-parsers.test.ts'))).rejects.toThrow(/not OpenStreetMap XML/);
  });

  it('gives the same ways whatever the chunk boundaries', () => {
    const text = readFileSync(fixture('tiny.osm'), 'utf8');
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const collector = new OsmCollector();
      const scanner = new XmlTagScanner(makeOsmXmlHandler(collector));
      for (let pos = 0; pos < text.length; ) {
        const size = 1 + Math.floor(random() * (round < 2 ? 1 : 40)); // rounds 0–1: one character at a time
        scanner.push(text.slice(pos, pos + size));
        pos += size;
      }
      scanner.end();
      expect(collector.finish().ways).toEqual(EXPECTED_WAYS);
    }
  });
});

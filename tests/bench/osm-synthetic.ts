// A synthetic OSM extract of about N elements, written as sorted .osm XML in a stream: a grid of
// named residential streets and, between them, buildings (4 nodes + 1 way each, every third with an
// address) and a POI node per block. Deterministic. Spread over Linköping (15.48–15.72 E,
// 58.35–58.46 N, all of it inside the import box), or over a county-sized box (Östergötland,
// 14.5–16.9 E, 57.7–58.95 N: ~1 % inside), as a county extract is.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const LINKOPING_BOX = [15.48, 58.35, 15.72, 58.46] as const;
export const COUNTY_BOX = [14.5, 57.7, 16.9, 58.95] as const;

export interface SyntheticCounts {
  nodes: number;
  ways: number;
  elements: number;
}

/** Writes the extract; `elements` is the target count (nodes + ways), reached within ~1 %. */
export async function writeSyntheticOsm(path: string, elements: number, box: readonly [number, number, number, number] = LINKOPING_BOX): Promise<SyntheticCounts> {
  const [W, S, E, N] = box;
  // Per block: 4 buildings × 5 elements + 1 POI node = 21; streets add ~2 % more.
  const blocks = Math.round(elements / 21.4);
  const side = Math.ceil(Math.sqrt(blocks));
  const dx = (E - W) / side;
  const dy = (N - S) / side;
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let pending: string[] = [];
  const write = async (line: string) => {
    pending.push(line);
    if (pending.length >= 5000) {
      if (!out.write(pending.join('\n') + '\n')) await once(out, 'drain');
      pending = [];
    }
  };
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="trygghetskartan-bench">');
  let nodeId = 1;
  let nodes = 0;
  // Street nodes: a grid of (side + 1)² junctions.
  const junction = (i: number, j: number) => 1 + i * (side + 1) + j;
  for (let i = 0; i <= side; i++) {
    for (let j = 0; j <= side; j++) {
      await write(`<node id="${nodeId++}" lat="${(S + i * dy).toFixed(7)}" lon="${(W + j * dx).toFixed(7)}"/>`);
      nodes++;
    }
  }
  // Building corners and a POI per block.
  const buildingNodes: number[] = [];
  for (let b = 0; b < side * side && b < blocks; b++) {
    const i = Math.floor(b / side), j = b % side;
    const x0 = W + j * dx, y0 = S + i * dy;
    for (let k = 0; k < 4; k++) {
      const bx = x0 + dx * (0.15 + 0.2 * k), by = y0 + dy * 0.3;
      buildingNodes.push(nodeId);
      for (const [x, y] of [[bx, by], [bx + dx * 0.12, by], [bx + dx * 0.12, by + dy * 0.3], [bx, by + dy * 0.3]] as const) {
        await write(`<node id="${nodeId++}" lat="${y.toFixed(7)}" lon="${x.toFixed(7)}"/>`);
        nodes++;
      }
    }
    const poi = b % 4 === 0 ? '<tag k="amenity" v="school"/>' : b % 4 === 1 ? '<tag k="shop" v="bakery"/>' : b % 4 === 2 ? '<tag k="highway" v="bus_stop"/>' : '<tag k="leisure" v="playground"/>';
    await write(`<node id="${nodeId++}" lat="${(y0 + dy * 0.8).toFixed(7)}" lon="${(x0 + dx * 0.5).toFixed(7)}">${poi}<tag k="name" v="Plats ${b}"/></node>`);
    nodes++;
  }
  let wayId = 1;
  let ways = 0;
  for (let i = 0; i <= side; i++) {
    const refs = Array.from({ length: side + 1 }, (_, j) => `<nd ref="${junction(i, j)}"/>`).join('');
    await write(`<way id="${wayId++}">${refs}<tag k="highway" v="residential"/><tag k="name" v="Östra gatan ${i}"/></way>`);
    const refs2 = Array.from({ length: side + 1 }, (_, j) => `<nd ref="${junction(j, i)}"/>`).join('');
    await write(`<way id="${wayId++}">${refs2}<tag k="highway" v="footway"/><tag k="name" v="Åvägen ${i}"/></way>`);
    ways += 2;
  }
  for (let k = 0; k < buildingNodes.length; k++) {
    const n0 = buildingNodes[k]!;
    const addr = k % 3 === 0 ? `<tag k="addr:street" v="Östra gatan ${Math.floor(k / 4 / side)}"/><tag k="addr:housenumber" v="${k % 97}"/>` : '';
    await write(`<way id="${wayId++}"><nd ref="${n0}"/><nd ref="${n0 + 1}"/><nd ref="${n0 + 2}"/><nd ref="${n0 + 3}"/><nd ref="${n0}"/><tag k="building" v="house"/>${addr}</way>`);
    ways++;
  }
  await write('</osm>');
  out.end(pending.join('\n') + '\n');
  await once(out, 'finish');
  return { nodes, ways, elements: nodes + ways };
}

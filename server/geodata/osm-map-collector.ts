// The import-osm sink: keeps every node's position (NodeStore), turns elements inside the area's
// box into map features (clipped) and highway ways into the walkable network, and remembers the
// multipolygon relations to assemble once all their member ways are known.
import type { Geometry } from 'geojson';
import type { BBox } from './assign-districts.ts';
import { bboxesIntersect, bboxOfPositions, clipLineGeometry, clipPolygonGeometry, type Ring } from './map-geometry.ts';
import { assembleMultipolygon, type MemberWay } from './multipolygon.ts';
import { NodeStore } from './node-store.ts';
import { classifyTags, isAreaWay, nameOf, type FeatureSpec } from './osm-classify.ts';
import type { OsmMember, OsmSink, OsmTags } from './osm-sink.ts';
import { classifyWay } from './pedestrian-filter.ts';
import type { StreetWay } from './street-way.ts';

/** A feature before district lookup and insert; geometry already clipped to the box. */
export interface FeatureDraft {
  spec: FeatureSpec;
  name: string | null;
  osmType: 'n' | 'w' | 'r';
  osmId: number;
  geometry: Geometry;
}

export interface OsmMapStats {
  nodes: number;
  ways: number;
  relations: number;
  /** Ways with a node the extract does not hold (lines are split there, areas dropped). */
  waysMissingNodes: number;
  /** Multipolygon relations assembled / given up (open rings, members outside the extract). */
  multipolygons: number;
  brokenMultipolygons: number;
  /** Nodes read after the first way: the file is not sorted (`osmium sort` fixes it). */
  lateNodes: number;
}

interface PendingRelation {
  id: number;
  tags: OsmTags;
  members: OsmMember[];
}

export class OsmMapCollector implements OsmSink {
  readonly nodes = new NodeStore();
  readonly features: FeatureDraft[] = [];
  readonly streets: StreetWay[] = [];
  readonly stats: OsmMapStats = { nodes: 0, ways: 0, relations: 0, waysMissingNodes: 0, multipolygons: 0, brokenMultipolygons: 0, lateNodes: 0 };
  /** Node refs of every way touching the box: relation members are looked up here. */
  private readonly wayRefs = new Map<number, number[]>();
  private readonly relations: PendingRelation[] = [];

  constructor(private readonly box: BBox) {}

  addNode(id: number, lon: number, lat: number, tags: OsmTags | null): void {
    this.nodes.add(id, lon, lat);
    this.stats.nodes++;
    if (this.stats.ways > 0) this.stats.lateNodes++;
    if (!tags || lon < this.box[0] || lon > this.box[2] || lat < this.box[1] || lat > this.box[3]) return;
    const name = nameOf(tags);
    for (const spec of classifyTags(tags, 'point')) {
      this.features.push({ spec, name, osmType: 'n', osmId: id, geometry: { type: 'Point', coordinates: [lon, lat] } });
    }
  }

  addWay(id: number, refs: number[], tags: OsmTags): void {
    this.stats.ways++;
    // Pieces between nodes the extract lacks (a way cut at the extract's border).
    const pieces: Ring[] = [[]];
    let count = 0;
    for (const ref of refs) {
      const c = this.nodes.get(ref);
      if (c) {
        pieces[pieces.length - 1]!.push(c);
        count++;
      } else if (pieces[pieces.length - 1]!.length > 0) {
        pieces.push([]);
      }
    }
    const missing = count < refs.length;
    const lines = pieces.filter((p) => p.length >= 2);
    if (lines.length === 0 || !bboxesIntersect(bboxOfPositions(lines.flat()), this.box)) return;
    this.wayRefs.set(id, refs);
    if (missing) this.stats.waysMissingNodes++;
    if (tags.size === 0) return;
    if (tags.has('highway') && classifyWay(tags) === 'keep') {
      const base = { osmWayId: id, name: nameOf(tags), highway: tags.get('highway') ?? null, lit: tags.get('lit') ?? null };
      for (const coords of lines) this.streets.push({ ...base, coords });
    }
    const isArea = refs.length >= 4 && refs[0] === refs[refs.length - 1] && isAreaWay(tags);
    const specs = classifyTags(tags, isArea ? 'area' : 'line');
    if (specs.length === 0 || (isArea && missing)) return;
    const clipped = isArea ? clipPolygonGeometry({ type: 'Polygon', coordinates: [lines[0]!] }, this.box) : clipLineGeometry(lines, this.box);
    this.addFeatures('w', id, tags, specs, clipped);
  }

  addRelation(id: number, members: OsmMember[], tags: OsmTags): void {
    this.stats.relations++;
    const type = tags.get('type');
    if (type !== 'multipolygon') return;
    if (classifyTags(tags, 'area').length === 0) return;
    const ways = members.filter((m) => m.type === 'w');
    if (ways.some((m) => this.wayRefs.has(m.ref))) this.relations.push({ id, tags, members: ways });
  }

  /** Member ways of kept relations that did not touch the box: a second pass over the file reads them. */
  missingMemberWays(): Set<number> {
    const missing = new Set<number>();
    for (const r of this.relations) for (const m of r.members) if (!this.wayRefs.has(m.ref)) missing.add(m.ref);
    return missing;
  }

  /** Second pass: the refs of a member way outside the box. */
  addMemberWay(id: number, refs: number[]): void {
    this.wayRefs.set(id, refs);
  }

  /** Assembles the multipolygons; call once every member way is known. */
  finish(): void {
    for (const r of this.relations) {
      const members: MemberWay[] = [];
      for (const m of r.members) {
        const refs = this.wayRefs.get(m.ref);
        if (refs) members.push({ role: m.role, refs });
      }
      const { geometry } = assembleMultipolygon(members, (n) => this.nodes.get(n));
      if (!geometry) {
        this.stats.brokenMultipolygons++;
        continue;
      }
      this.stats.multipolygons++;
      this.addFeatures('r', r.id, r.tags, classifyTags(r.tags, 'area'), clipPolygonGeometry(geometry, this.box));
    }
    this.relations.length = 0;
    this.wayRefs.clear();
  }

  private addFeatures(osmType: 'w' | 'r', osmId: number, tags: OsmTags, specs: FeatureSpec[], clipped: Geometry | null): void {
    if (!clipped) return;
    const name = nameOf(tags);
    for (const spec of specs) this.features.push({ spec, name, osmType, osmId, geometry: clipped });
  }
}

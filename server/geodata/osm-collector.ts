// Assembles OSM nodes and ways (from either the XML or the PBF reader) into walkable StreetWays.
import { NodeStore } from './node-store.ts';
import type { OsmSink, OsmTags } from './osm-sink.ts';
import { classifyWay, type WayVerdict } from './pedestrian-filter.ts';
import type { StreetWay } from './street-way.ts';

export interface OsmParseStats {
  nodes: number;
  /** Ways carrying a highway=* tag. */
  highwayWays: number;
  kept: number;
  dropped: Record<Exclude<WayVerdict, 'keep' | 'not-highway'>, number>;
  /** Node references that point outside the file (the way is split there). */
  missingNodeRefs: number;
}

export interface OsmParseResult {
  ways: StreetWay[];
  stats: OsmParseStats;
}

interface PendingWay {
  id: number;
  refs: number[];
  name: string | null;
  highway: string | null;
  lit: string | null;
}

/**
 * Node coordinates in a NodeStore (16 bytes a node), so a city-sized extract (~1 M nodes)
 * costs tens of MB. Ways are resolved at the end: element order is free.
 */
export class OsmCollector implements OsmSink {
  private readonly nodes = new NodeStore();
  private readonly pending: PendingWay[] = [];
  private readonly stats: OsmParseStats = {
    nodes: 0, highwayWays: 0, kept: 0, dropped: { 'not-walkable': 0, 'no-foot-access': 0 }, missingNodeRefs: 0,
  };

  addNode(id: number, lon: number, lat: number): void {
    this.nodes.add(id, lon, lat);
  }

  addWay(id: number, refs: number[], tags: OsmTags): void {
    const verdict = classifyWay(tags);
    if (verdict === 'not-highway') return;
    this.stats.highwayWays++;
    if (verdict !== 'keep') {
      this.stats.dropped[verdict]++;
      return;
    }
    this.pending.push({ id, refs, name: tags.get('name') ?? null, highway: tags.get('highway') ?? null, lit: tags.get('lit') ?? null });
  }

  /** Resolves node references; a way with missing nodes is split into its complete pieces. */
  finish(): OsmParseResult {
    this.stats.nodes = this.nodes.size;
    const ways: StreetWay[] = [];
    for (const w of this.pending) {
      const before = ways.length;
      let piece: [number, number][] = [];
      const flush = () => {
        if (piece.length >= 2) ways.push({ osmWayId: w.id, name: w.name, highway: w.highway, lit: w.lit, coords: piece });
        piece = [];
      };
      for (const ref of w.refs) {
        const at = this.nodes.get(ref);
        if (at === undefined) {
          this.stats.missingNodeRefs++;
          flush();
        } else {
          piece.push(at);
        }
      }
      flush();
      if (ways.length > before) this.stats.kept++;
    }
    return { ways, stats: this.stats };
  }
}

// Reads OpenStreetMap XML (.osm) as a stream into an OsmSink (nodes with tags, ways, relations).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { OsmCollector, type OsmParseResult } from './osm-collector.ts';
import type { OsmMember, OsmReadOptions, OsmSink } from './osm-sink.ts';
import { readXmlAttribute as attr, XmlTagScanner, type XmlTag } from './xml-tags.ts';

export type { OsmReadOptions } from './osm-sink.ts';

/** Parses an .osm file into the walkable ways (import-streets). */
export async function parseOsmXml(path: string, opts: OsmReadOptions = {}): Promise<OsmParseResult> {
  const collector = new OsmCollector();
  await readOsmXml(path, collector, opts);
  return collector.finish();
}

/** Streams an .osm file into a sink chunk by chunk; memory does not grow with the file size. */
export async function readOsmXml(path: string, sink: OsmSink, opts: OsmReadOptions = {}): Promise<void> {
  const totalBytes = (await stat(path)).size;
  const handler = makeOsmXmlHandler(sink);
  const scanner = new XmlTagScanner(handler);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let sawOsm = false;
  for await (const chunk of stream) {
    if (!sawOsm) {
      if (!/<osm[\s>]/.test(chunk as string)) throw new Error(`${path} is not OpenStreetMap XML (no <osm> element at the start)`);
      sawOsm = true;
    }
    scanner.push(chunk as string);
    opts.onProgress?.(stream.bytesRead, totalBytes);
  }
  scanner.end();
  if (!sawOsm) throw new Error(`${path} is empty`);
  if (!handler.closed()) throw new Error(`${path} is truncated: it ends before </osm>`);
}

type Element =
  | { kind: 'node'; id: number; lon: number; lat: number; tags: Map<string, string> | null }
  | { kind: 'way'; id: number; refs: number[]; tags: Map<string, string> }
  | { kind: 'relation'; id: number; members: OsmMember[]; tags: Map<string, string> };

const MEMBER_TYPE: Record<string, OsmMember['type']> = { node: 'n', way: 'w', relation: 'r' };

/** The element state machine: <node>, <way>, <relation> with <tag>, <nd> and <member> children. */
export function makeOsmXmlHandler(sink: OsmSink): ((tag: XmlTag) => void) & { closed: () => boolean } {
  let current: Element | null = null;
  let sawEnd = false;
  const emit = (e: Element) => {
    if (e.kind === 'node') sink.addNode(e.id, e.lon, e.lat, e.tags);
    else if (e.kind === 'way') sink.addWay(e.id, e.refs, e.tags);
    else sink.addRelation?.(e.id, e.members, e.tags);
  };
  const handler = (tag: XmlTag) => {
    if (tag.isClosing) {
      if (tag.name === 'osm') sawEnd = true;
      else if (current && tag.name === (current.kind === 'relation' ? 'relation' : current.kind)) {
        emit(current);
        current = null;
      }
      return;
    }
    const raw = tag.rawAttrs;
    switch (tag.name) {
      case 'node': {
        current = null;
        const id = Number(attr(raw, 'id'));
        const lat = Number(attr(raw, 'lat'));
        const lon = Number(attr(raw, 'lon'));
        if (isDeleted(raw) || !Number.isFinite(id) || !Number.isFinite(lat) || !Number.isFinite(lon)) return;
        const node: Element = { kind: 'node', id, lon, lat, tags: null };
        if (tag.isSelfClosing) emit(node);
        else current = node;
        return;
      }
      case 'way':
      case 'relation': {
        current = null;
        const id = Number(attr(raw, 'id'));
        if (tag.isSelfClosing || isDeleted(raw) || !Number.isFinite(id)) return; // an empty way or relation
        current = tag.name === 'way'
          ? { kind: 'way', id, refs: [], tags: new Map() }
          : { kind: 'relation', id, members: [], tags: new Map() };
        return;
      }
      case 'nd': {
        const ref = Number(attr(raw, 'ref'));
        if (current?.kind === 'way' && Number.isFinite(ref)) current.refs.push(ref);
        return;
      }
      case 'member': {
        const ref = Number(attr(raw, 'ref'));
        const type = MEMBER_TYPE[attr(raw, 'type') ?? ''];
        if (current?.kind === 'relation' && type && Number.isFinite(ref)) current.members.push({ type, ref, role: attr(raw, 'role') ?? '' });
        return;
      }
      case 'tag': {
        const k = attr(raw, 'k');
        if (!current || k === undefined) return;
        if (current.kind === 'node') current.tags ??= new Map();
        current.tags!.set(k, attr(raw, 'v') ?? '');
        return;
      }
    }
  };
  return Object.assign(handler, { closed: () => sawEnd });
}

/** JOSM files mark deletions with action="delete"; history files with visible="false". */
function isDeleted(raw: string): boolean {
  return attr(raw, 'action') === 'delete' || attr(raw, 'visible') === 'false';
}

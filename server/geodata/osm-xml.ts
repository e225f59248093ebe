// Reads OpenStreetMap XML (.osm) as a stream and keeps the ways a pedestrian may use.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { OsmCollector, type OsmParseResult } from './osm-collector.ts';
import { readXmlAttribute as attr, XmlTagScanner, type XmlTag } from './xml-tags.ts';

export interface OsmReadOptions {
  /** Called after each chunk with the bytes read so far and the file size in bytes. */
  onProgress?: (readBytes: number, totalBytes: number) => void;
}

/** Parses an .osm file chunk by chunk; memory grows with the node count, not the file size. */
export async function parseOsmXml(path: string, opts: OsmReadOptions = {}): Promise<OsmParseResult> {
  const totalBytes = (await stat(path)).size;
  const collector = new OsmCollector();
  const handler = makeOsmXmlHandler(collector);
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
  return collector.finish();
}

/** The element state machine: <node>, <way> with <nd>/<tag> children. */
export function makeOsmXmlHandler(collector: OsmCollector): (tag: XmlTag) => void {
  let way: { id: number; refs: number[]; tags: Map<string, string> } | null = null;
  return (tag) => {
    if (tag.isClosing) {
      if (tag.name === 'way' && way) {
        collector.addWay(way.id, way.refs, way.tags);
        way = null;
      }
      return;
    }
    switch (tag.name) {
      case 'node': {
        const raw = tag.rawAttrs;
        if (isDeleted(raw)) return;
        const id = Number(attr(raw, 'id'));
        const lat = Number(attr(raw, 'lat'));
        const lon = Number(attr(raw, 'lon'));
        if (Number.isFinite(id) && Number.isFinite(lat) && Number.isFinite(lon)) collector.addNode(id, lon, lat);
        return;
      }
      case 'way': {
        const current = { id: Number(attr(tag.rawAttrs, 'id')), refs: [], tags: new Map<string, string>() };
        if (tag.isSelfClosing) return; // a way without nodes
        way = isDeleted(tag.rawAttrs) || !Number.isFinite(current.id) ? null : current;
        return;
      }
      case 'nd': {
        if (!way) return;
        const ref = Number(attr(tag.rawAttrs, 'ref'));
        if (Number.isFinite(ref)) way.refs.push(ref);
        return;
      }
      case 'tag': {
        if (!way) return;
        const k = attr(tag.rawAttrs, 'k');
        if (k !== undefined) way.tags.set(k, attr(tag.rawAttrs, 'v') ?? '');
        return;
      }
    }
  };
}

/** JOSM files mark deletions with action="delete"; history files with visible="false". */
function isDeleted(raw: string): boolean {
  return attr(raw, 'action') === 'delete' || attr(raw, 'visible') === 'false';
}

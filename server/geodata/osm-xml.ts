// Reads OpenStreetMap XML (.osm) as a stream and keeps the ways a pedestrian may use.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { OsmCollector, type OsmParseResult } from './osm-collector.ts';
import { parseXmlAttributes, XmlTagScanner, type XmlTag } from './xml-tags.ts';

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
        const a = parseXmlAttributes(tag.rawAttrs);
        if (isDeleted(a)) return;
        const id = Number(a.get('id'));
        const lat = Number(a.get('lat'));
        const lon = Number(a.get('lon'));
        if (Number.isFinite(id) && Number.isFinite(lat) && Number.isFinite(lon)) collector.addNode(id, lon, lat);
        return;
      }
      case 'way': {
        const a = parseXmlAttributes(tag.rawAttrs);
        const current = { id: Number(a.get('id')), refs: [], tags: new Map<string, string>() };
        if (tag.isSelfClosing) return; // a way without nodes
        way = isDeleted(a) || !Number.isFinite(current.id) ? null : current;
        return;
      }
      case 'nd': {
        if (!way) return;
        const ref = Number(parseXmlAttributes(tag.rawAttrs).get('ref'));
        if (Number.isFinite(ref)) way.refs.push(ref);
        return;
      }
      case 'tag': {
        if (!way) return;
        const a = parseXmlAttributes(tag.rawAttrs);
        const k = a.get('k');
        if (k !== undefined) way.tags.set(k, a.get('v') ?? '');
        return;
      }
    }
  };
}

/** JOSM files mark deletions with action="delete"; history files with visible="false". */
function isDeleted(a: Map<string, string>): boolean {
  return a.get('action') === 'delete' || a.get('visible') === 'false';
}

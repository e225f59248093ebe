// Reads a recorded patrol from GPX 1.1 (trk › trkseg › trkpt with <time>; rte/rtept and wpt are
// not tracks and are ignored). Every track point needs a time: presence is time in a place.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from './domain-error.ts';
import type { TrackPoint } from './track-point.ts';

export interface ParsedTrack {
  points: TrackPoint[];
  /** The file's own name for the track, when it has one. */
  name: string | null;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => name === 'trk' || name === 'trkseg' || name === 'trkpt',
});

const asArray = (v: unknown): XmlNode[] => (Array.isArray(v) ? (v as XmlNode[]) : v && typeof v === 'object' ? [v as XmlNode] : []);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as XmlNode)['#text'] === 'string' ? ((v as XmlNode)['#text'] as string) : null);

export function parseGpxTrack(xml: string): ParsedTrack {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new DomainError('gpx-invalid', `The file is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}).`, 'body');
  const doc = parser.parse(xml) as XmlNode;
  const gpx = doc.gpx as XmlNode | undefined;
  if (!gpx || typeof gpx !== 'object') throw new DomainError('gpx-invalid', 'The file has no <gpx> root element; expected GPX 1.1.', 'body');
  const version = gpx['@_version'];
  if (version !== undefined && version !== '1.1' && version !== '1.0') throw new DomainError('gpx-invalid', `GPX version ${String(version)} is not supported; send GPX 1.1.`, 'body');

  const points: TrackPoint[] = [];
  let name: string | null = null;
  asArray(gpx.trk).forEach((trk, ti) => {
    name ??= text(trk.name);
    asArray(trk.trkseg).forEach((seg, si) => {
      asArray(seg.trkpt).forEach((pt, pi) => {
        const where = `trk[${ti}].trkseg[${si}].trkpt[${pi}]`;
        const lat = Number(pt['@_lat']);
        const lon = Number(pt['@_lon']);
        const time = text(pt.time);
        if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new DomainError('gpx-invalid', `${where} lacks a numeric lat/lon.`, where);
        if (time === null) throw new DomainError('gpx-invalid', `${where} has no <time>; a patrol track needs a time on every point.`, where);
        const t = Date.parse(time);
        if (Number.isNaN(t)) throw new DomainError('gpx-invalid', `${where} has an unreadable <time> "${time}" (expected ISO 8601, e.g. 2026-11-20T19:05:00Z).`, where);
        const hdop = Number(text(pt.hdop));
        points.push({ t, lat, lon, accuracyM: Number.isFinite(hdop) && hdop > 0 ? hdop * 5 : null });
      });
    });
  });
  if (points.length === 0) throw new DomainError('gpx-invalid', 'The GPX file holds no track points (<trk><trkseg><trkpt>). A route (<rte>) is a plan, not a recorded patrol.', 'body');
  return { points, name };
}

// GPX 1.1 for patrol routes (https://www.topografix.com/GPX/1/1/): written as a route (<rte>, one
// <rtept> per drawn waypoint) with a <wpt> per stop and the walking line as a track; read back
// from <rte>, else <trk>, with <wpt>s as the stops. Pure text in, text out.
import { XMLParser } from 'fast-xml-parser';

export interface GpxStop {
  lon: number;
  lat: number;
  name: string;
  /** Planned arrival, ISO 8601 (written as UTC, as GPX requires). */
  arrival?: string | undefined;
  dwellMin: number;
}

export interface GpxRouteIn {
  name: string;
  description?: string | undefined;
  /** The drawn waypoints; `stop` marks those that are stops. */
  waypoints: { lon: number; lat: number; stop: boolean; dwellMin: number; name?: string | null | undefined }[];
  stops: GpxStop[];
  /** The walking line [lon, lat][] (written as a track). */
  line: [number, number][];
  createdAt?: string | undefined;
}

export interface GpxParsed {
  name: string | null;
  waypoints: { lon: number; lat: number; stop: boolean; dwellMin: number; name: string | null }[];
  line: [number, number][];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const coord = (n: number) => n.toFixed(7);
const utc = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pt = (tag: string, lon: number, lat: number, inner = '') => `<${tag} lat="${coord(lat)}" lon="${coord(lon)}">${inner}</${tag}>`;
/** Default dwell read back for a GPX stop that does not say (minutes). */
export const GPX_DEFAULT_DWELL_MIN = 12;

export function routeToGpx(r: GpxRouteIn): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    '<gpx version="1.1" creator="Trygghetskartan" xmlns="http://www.topografix.com/GPX/1/1" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">',
  );
  lines.push(`<metadata><name>${esc(r.name)}</name>${r.description ? `<desc>${esc(r.description)}</desc>` : ''}${r.createdAt ? `<time>${utc(r.createdAt)}</time>` : ''}</metadata>`);
  r.stops.forEach((s, i) => {
    lines.push(pt('wpt', s.lon, s.lat, `${s.arrival ? `<time>${utc(s.arrival)}</time>` : ''}<name>${i + 1}. ${esc(s.name)}</name><desc>${esc(`Stopp ${s.dwellMin} min`)}</desc><sym>Flag, Blue</sym><type>stop</type>`));
  });
  lines.push(`<rte><name>${esc(r.name)}</name>`);
  for (const w of r.waypoints) {
    const inner = w.stop ? `${w.name ? `<name>${esc(w.name)}</name>` : ''}<desc>${esc(`Stopp ${w.dwellMin} min`)}</desc><type>stop</type>` : '<type>via</type>';
    lines.push(pt('rtept', w.lon, w.lat, inner));
  }
  lines.push('</rte>');
  if (r.line.length > 1) {
    lines.push(`<trk><name>${esc(r.name)}</name><type>walking</type><trkseg>`);
    for (const [lon, lat] of r.line) lines.push(pt('trkpt', lon, lat));
    lines.push('</trkseg></trk>');
  }
  lines.push('</gpx>');
  return `${lines.join('\n')}\n`;
}

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function point(n: Node): { lon: number; lat: number } {
  const lon = Number(n['@_lon']), lat = Number(n['@_lat']);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lat < -90 || lat > 90 || lon < -180 || lon > 180) throw new GpxError('a point has no valid lat/lon');
  return { lon, lat };
}

function dwellOf(n: Node): number {
  const m = /(\d+(?:[.,]\d+)?)\s*min/.exec(text(n.desc) ?? text(n.cmt) ?? '');
  return m ? Number(m[1]!.replace(',', '.')) : GPX_DEFAULT_DWELL_MIN;
}

export class GpxError extends Error {}

/** Reads a GPX 1.0/1.1 route: the first <rte>, else the first <trk> with the <wpt>s as stops. */
export function parseGpxRoute(xml: string): GpxParsed {
  let doc: Node;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false }).parse(xml) as Node;
  } catch (err) {
    throw new GpxError(`not well-formed XML: ${(err as Error).message}`);
  }
  const gpx = doc.gpx as Node | undefined;
  if (!gpx || typeof gpx !== 'object') throw new GpxError('the root element is not <gpx>');
  const wpts = list(gpx.wpt).map((w) => ({ ...point(w), name: text(w.name)?.replace(/^\d+\.\s*/, '') ?? null, dwellMin: dwellOf(w) }));
  const rte = list(gpx.rte)[0];
  if (rte) {
    const pts = list(rte.rtept);
    if (pts.length < 2) throw new GpxError('the route has fewer than two points');
    const waypoints = pts.map((p) => {
      const at = point(p);
      const stop = text(p.type) === 'stop' || wpts.some((w) => Math.abs(w.lon - at.lon) < 1e-5 && Math.abs(w.lat - at.lat) < 1e-5);
      return { ...at, stop, dwellMin: stop ? dwellOf(p) : 0, name: text(p.name) };
    });
    return { name: text(rte.name) ?? text((gpx.metadata as Node | undefined)?.name), waypoints, line: waypoints.map((w) => [w.lon, w.lat]) };
  }
  const trk = list(gpx.trk)[0];
  const line = list(trk?.trkseg).flatMap((s) => list(s.trkpt).map((p): [number, number] => {
    const at = point(p);
    return [at.lon, at.lat];
  }));
  if (line.length < 2) throw new GpxError('the file has no route (<rte>) and no track (<trk>) with two or more points');
  const first = line[0]!, last = line[line.length - 1]!;
  const waypoints = [
    { lon: first[0], lat: first[1], stop: false, dwellMin: 0, name: null },
    ...wpts.map((w) => ({ lon: w.lon, lat: w.lat, stop: true, dwellMin: w.dwellMin, name: w.name })),
    { lon: last[0], lat: last[1], stop: false, dwellMin: 0, name: null },
  ];
  return { name: text(trk?.name) ?? text((gpx.metadata as Node | undefined)?.name), waypoints, line };
}

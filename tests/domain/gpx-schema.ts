// The essential rules of the GPX 1.1 schema (topografix.com/GPX/1/1/gpx.xsd), checked with
// fast-xml-parser: root and namespace, version and creator, child element order per type,
// lat/lon ranges, xsd:dateTime and nonNegativeInteger values. Returns the violations found.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const NS = 'http://www.topografix.com/GPX/1/1';
const WPT = ['ele', 'time', 'magvar', 'geoidheight', 'name', 'cmt', 'desc', 'src', 'link', 'sym', 'type', 'fix', 'sat', 'hdop', 'vdop', 'pdop', 'ageofdgpsdata', 'dgpsid', 'extensions'];
const ORDER: Record<string, string[]> = {
  gpx: ['metadata', 'wpt', 'rte', 'trk', 'extensions'],
  metadata: ['name', 'desc', 'author', 'copyright', 'link', 'time', 'keywords', 'bounds', 'extensions'],
  wpt: WPT, rtept: WPT, trkpt: WPT,
  rte: ['name', 'cmt', 'desc', 'src', 'link', 'number', 'type', 'extensions', 'rtept'],
  trk: ['name', 'cmt', 'desc', 'src', 'link', 'number', 'type', 'extensions', 'trkseg'],
  trkseg: ['trkpt', 'extensions'],
};
const REPEATABLE = new Set(['wpt', 'rte', 'trk', 'link', 'rtept', 'trkseg', 'trkpt']);
const DATETIME = /^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function nameOf(n: OrderedNode): string | undefined {
  return Object.keys(n).find((k) => k !== ':@');
}

function textOf(n: OrderedNode): string {
  const kids = n[nameOf(n)!] as OrderedNode[];
  return kids.map((k) => String(k['#text'] ?? '')).join('');
}

export function gpx11Violations(xml: string): string[] {
  const errors: string[] = [];
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return [`not well-formed: ${wellFormed.err.msg} (line ${wellFormed.err.line})`];
  const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false }).parse(xml) as OrderedNode[];
  const root = doc.find((n) => nameOf(n) === 'gpx');
  if (!root) return ['the root element is not gpx'];
  const attrs = root[':@'] ?? {};
  if (attrs.xmlns !== NS) errors.push(`gpx: namespace is ${attrs.xmlns}, not ${NS}`);
  if (attrs.version !== '1.1') errors.push('gpx: version must be "1.1"');
  if (!attrs.creator) errors.push('gpx: creator is required');

  const walk = (node: OrderedNode, path: string) => {
    const name = nameOf(node)!;
    const order = ORDER[name];
    const kids = (node[name] as OrderedNode[]).filter((k) => nameOf(k) !== '#text');
    const a = node[':@'] ?? {};
    if (name === 'wpt' || name === 'rtept' || name === 'trkpt') {
      const lat = Number(a.lat), lon = Number(a.lon);
      if (!(a.lat && lat >= -90 && lat <= 90)) errors.push(`${path}: lat ${a.lat} is not a latitudeType`);
      if (!(a.lon && lon >= -180 && lon < 180)) errors.push(`${path}: lon ${a.lon} is not a longitudeType`);
    }
    if (!order) return;
    let last = -1;
    const seen = new Set<string>();
    kids.forEach((k, i) => {
      const kn = nameOf(k)!;
      const at = order.indexOf(kn);
      if (at < 0) errors.push(`${path}/${kn}: not allowed in ${name}`);
      else if (at < last) errors.push(`${path}/${kn}: out of order in ${name}`);
      else if (at === last && !REPEATABLE.has(kn)) errors.push(`${path}/${kn}: may occur only once`);
      last = Math.max(last, at);
      if (seen.has(kn) && !REPEATABLE.has(kn)) errors.push(`${path}/${kn}: repeated`);
      seen.add(kn);
      if (kn === 'time' && !DATETIME.test(textOf(k))) errors.push(`${path}/time: "${textOf(k)}" is not an xsd:dateTime`);
      if (kn === 'number' && !/^\d+$/.test(textOf(k))) errors.push(`${path}/number: not a nonNegativeInteger`);
      walk(k, `${path}/${kn}[${i}]`);
    });
  };
  walk(root, 'gpx');
  return errors;
}

// Maps the columns of a historical CSV export onto report fields: an explicit mapping
// ("category=Brottstyp,observedAt=Tid") or headers recognised by name (English or Swedish), and
// turns one record into a report input or a list of rejections (field and why).
import { CATEGORIES, SOURCES, type CategoryCode, type Source } from '../domain/categories.ts';
import { fromWallClock } from '../domain/stockholm-time.ts';
import type { ReportInput } from '../domain/report.ts';

export const IMPORT_FIELDS = ['category', 'lat', 'lon', 'observedAt', 'observedFrom', 'observedTo', 'description', 'source', 'externalId'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const ALIASES: Record<ImportField, string[]> = {
  category: ['category', 'kategori', 'typ', 'type'],
  lat: ['lat', 'latitude', 'latitud', 'y'],
  lon: ['lon', 'lng', 'long', 'longitude', 'longitud', 'x'],
  observedAt: ['observedat', 'observed_at', 'tid', 'tidpunkt', 'datetime', 'time', 'observerad'],
  observedFrom: ['observedfrom', 'observed_from', 'från', 'fran', 'from', 'start'],
  observedTo: ['observedto', 'observed_to', 'till', 'to', 'end', 'slut'],
  description: ['description', 'beskrivning', 'text', 'notering'],
  source: ['source', 'källa', 'kalla'],
  externalId: ['id', 'externalid', 'external_id', 'ärendenummer', 'arendenummer', 'diarienummer'],
};

export type ColumnMapping = Partial<Record<ImportField, number>>;

export interface Rejection {
  line: number;
  field: string;
  reason: string;
}

/** Parses "category=Brottstyp,observedAt=Tid" into field → header name. */
export function parseMappingSpec(spec: string): Partial<Record<ImportField, string>> {
  const out: Partial<Record<ImportField, string>> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as ImportField;
    if (eq < 1 || !IMPORT_FIELDS.includes(field)) throw new Error(`"${part}" is not field=Column with a field among ${IMPORT_FIELDS.join(', ')}`);
    out[field] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Column index per field from the header and an optional explicit mapping. */
export function resolveMapping(header: readonly string[], explicit: Partial<Record<ImportField, string>> = {}): ColumnMapping {
  const norm = header.map((h) => h.trim().toLowerCase());
  const mapping: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const wanted = explicit[field];
    if (wanted !== undefined) {
      const i = norm.indexOf(wanted.trim().toLowerCase());
      if (i < 0) throw new Error(`The mapping names the column "${wanted}" for ${field}, but the header has: ${header.join(', ')}`);
      mapping[field] = i;
      continue;
    }
    const i = norm.findIndex((h) => ALIASES[field].includes(h));
    if (i >= 0) mapping[field] = i;
  }
  const missing = (['category', 'lat', 'lon'] as const).filter((f) => mapping[f] === undefined);
  if (missing.length) throw new Error(`No column found for ${missing.join(', ')}. Header: ${header.join(', ')}. Map them, e.g. --map category=Brottstyp,lat=Nord,lon=Ost`);
  if (mapping.observedAt === undefined && (mapping.observedFrom === undefined || mapping.observedTo === undefined)) {
    throw new Error('No time column found: map observedAt, or observedFrom and observedTo.');
  }
  return mapping;
}

const BY_LABEL = new Map<string, CategoryCode>();
for (const c of CATEGORIES) for (const k of [c.code, c.sv, c.en]) BY_LABEL.set(k.toLowerCase(), c.code);

/** A category code from a code or a Swedish/English label (case-insensitive). */
export function toCategory(text: string): CategoryCode | null {
  return BY_LABEL.get(text.trim().toLowerCase()) ?? null;
}

/** ISO 8601 with offset, or a local Stockholm time "YYYY-MM-DD HH:MM[:SS]" / "YYYY-MM-DDTHH:MM". */
export function parseTime(text: string): Date | null {
  const s = text.trim();
  if (/[zZ]|[+-]\d\d:?\d\d$/.test(s) && /^\d{4}-\d\d-\d\dT/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t);
  }
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59) return null;
  return new Date(fromWallClock(y!, mo!, d!, h!, mi!) + se! * 1000);
}

export interface MappedRow {
  input: ReportInput;
  /** The source's own id, when mapped (makes re-imports of edited exports idempotent too). */
  externalId: string | null;
}

/** One CSV record → a report input, or the reasons it cannot be one. */
export function mapRecord(fields: readonly string[], line: number, m: ColumnMapping, defaultSource: Source): MappedRow | Rejection[] {
  const get = (f: ImportField) => (m[f] === undefined ? undefined : (fields[m[f]!] ?? '').trim());
  const errors: Rejection[] = [];
  const category = toCategory(get('category') ?? '');
  if (!category) errors.push({ line, field: 'category', reason: `"${get('category')}" is not a known category (code or Swedish/English name)` });
  const lat = Number((get('lat') ?? '').replace(',', '.'));
  const lon = Number((get('lon') ?? '').replace(',', '.'));
  if (!get('lat') || !Number.isFinite(lat) || lat < -90 || lat > 90) errors.push({ line, field: 'lat', reason: `"${get('lat')}" is not a latitude in degrees (WGS84)` });
  if (!get('lon') || !Number.isFinite(lon) || lon < -180 || lon > 180) errors.push({ line, field: 'lon', reason: `"${get('lon')}" is not a longitude in degrees (WGS84)` });
  const time = (f: ImportField) => {
    const v = get(f);
    if (!v) return undefined;
    const t = parseTime(v);
    if (!t) errors.push({ line, field: f, reason: `"${v}" is not a time (ISO 8601, or YYYY-MM-DD HH:MM in Swedish local time)` });
    return t ?? undefined;
  };
  const observedAt = time('observedAt');
  const observedFrom = observedAt ? undefined : time('observedFrom');
  const observedTo = observedAt ? undefined : time('observedTo');
  if (!observedAt && !(observedFrom && observedTo) && !errors.some((e) => e.field.startsWith('observed'))) {
    errors.push({ line, field: m.observedAt !== undefined ? 'observedAt' : 'observedFrom', reason: 'no time given' });
  }
  const srcText = get('source');
  const source = srcText ? (SOURCES as readonly string[]).includes(srcText.toLowerCase()) ? (srcText.toLowerCase() as Source) : null : defaultSource;
  if (!source) errors.push({ line, field: 'source', reason: `"${srcText}" is not one of ${SOURCES.join(', ')}` });
  if (errors.length) return errors;
  return {
    input: { category: category!, lat, lon, observedAt, observedFrom, observedTo, description: get('description') || null, source: source! },
    externalId: get('externalId') || null,
  };
}

// Open311 GeoReport v2 service list and service definitions, built from the report categories.
import { CATEGORIES } from './categories.ts';

/** Keys of an Open311 service (spec field names). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

const GROUPS: Record<string, string> = {
  skadegorelse: 'Skadegörelse och brand',
  klotter: 'Skadegörelse och brand',
  brand: 'Skadegörelse och brand',
  ordningsstorning: 'Ordning och trygghet',
  'otrygghetsskapande-samling': 'Ordning och trygghet',
  narkotika: 'Ordning och trygghet',
  'hot-vald': 'Ordning och trygghet',
  'otrygg-plats': 'Miljö',
  nedskrapning: 'Miljö',
  ovrigt: 'Övrigt',
};

export function open311Services(): Open311Service[] {
  return CATEGORIES.map((c) => ({
    service_code: c.code,
    service_name: c.sv,
    description: `${c.sv} (${c.en}). Rapportera till Linköpings kommuns områdesteam i Berga, Ryd och Skäggetorp.`,
    metadata: true,
    type: 'realtime' as const,
    keywords: [c.sv, c.en].join(', ').toLowerCase(),
    group: GROUPS[c.code] ?? 'Övrigt',
  }));
}

/** Every service takes the same optional attributes: when it happened. */
export function open311ServiceDefinition(serviceCode: string): Open311ServiceDefinition | null {
  if (!CATEGORIES.some((c) => c.code === serviceCode)) return null;
  const when = (code: string, order: number, description: string): Open311Attribute => ({
    variable: true,
    code,
    datatype: 'datetime',
    required: false,
    datatype_description: 'ISO 8601 date-time with offset, e.g. 2026-11-20T21:30:00+01:00',
    order,
    description,
    values: [],
  });
  return {
    service_code: serviceCode,
    attributes: [
      when('observed_from', 1, 'När det började (start of the time window). Leave out both for "just now".'),
      when('observed_to', 2, 'När det slutade (end of the window, at most 7 days after the start, not in the future).'),
    ],
  };
}

// Reports as Open311 GeoReport v2 service requests: spec field names, open/closed status,
// the masked public location (H3 cell centre) and hour-rounded times, plus the extension
// fields h3_cell, observed_from and observed_to.
import { CATEGORIES } from './categories.ts';
import { floorToHour, maskReport, type MaskableReport } from './mask-report.ts';

export const OPEN311_AGENCY = 'Linköpings kommun, områdesteamen';
/** Default window of GET requests without dates, and the most requests in one answer. */
export const OPEN311_DEFAULT_DAYS = 90;
export const OPEN311_MAX_REQUESTS = 1000;

export type Open311Status = 'open' | 'closed';

export function open311Status(status: string): Open311Status {
  return status === 'new' || status === 'approved' || status === 'confirmed' ? 'open' : 'closed';
}

/** The statuses stored for an Open311 status filter value. */
export function statusesFor(s: Open311Status): string[] {
  return s === 'open' ? ['new', 'approved', 'confirmed'] : ['closed', 'rejected', 'merged'];
}

export interface Open311Source extends MaskableReport {
  districtName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
  h3_cell: string;
  observed_from: string;
  observed_to: string;
}

function statusNotes(r: Open311Source): string | null {
  if (r.publicNote) return r.publicNote;
  if (r.status === 'merged' && r.mergedInto) return `Sammanslagen med ärende ${r.mergedInto}.`;
  if (r.status === 'rejected') return 'Avvisad vid granskning.';
  return null;
}

export function toOpen311Request(r: Open311Source): Open311Request {
  const m = maskReport(r);
  return {
    service_request_id: r.id,
    status: open311Status(r.status),
    status_notes: statusNotes(r),
    service_name: CATEGORIES.find((c) => c.code === r.category)?.sv ?? r.category,
    service_code: r.category,
    description: m.description,
    agency_responsible: OPEN311_AGENCY,
    service_notice: null,
    requested_datetime: floorToHour(r.createdAt.getTime()).toISOString(),
    updated_datetime: floorToHour(r.updatedAt.getTime()).toISOString(),
    expected_datetime: null,
    address: r.districtName,
    address_id: null,
    zipcode: null,
    lat: m.lat,
    long: m.lon,
    media_url: null,
    h3_cell: m.cell,
    observed_from: m.observedFrom,
    observed_to: m.observedTo,
  };
}

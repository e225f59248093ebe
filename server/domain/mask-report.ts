// What the public may see of a resident's report: the H3 cell centre instead of the exact
// point, times floored to the hour, and free text only after a moderator approved it.
import { cellToLatLng } from 'h3-js';

const HOUR_MS = 3600_000;

/** The centre of an H3 cell as WGS84 degrees (rounded to 6 decimals, ~0.1 m). */
export function cellCentre(cell: string): { lat: number; lon: number } {
  const [lat, lon] = cellToLatLng(cell);
  return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
}

/** The instant floored to the whole hour (UTC hours equal Stockholm hours: the offset is whole). */
export function floorToHour(ms: number): Date {
  return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS);
}

/** Statuses a resident's report can be shown publicly with (rejected and merged never are). */
export const PUBLIC_STATUSES = ['new', 'approved', 'confirmed', 'closed'] as const;

export interface MaskableReport {
  id: string;
  category: string;
  cell: string;
  observedFrom: Date;
  observedTo: Date;
  description: string | null;
  status: string;
  publicNote: string | null;
  /** A moderator approved the text for publication. */
  textPublic: boolean;
  mergedInto?: string | null;
}

export interface PublicReport {
  id: string;
  category: string;
  cell: string;
  lat: number;
  lon: number;
  observedFrom: string;
  observedTo: string;
  status: string;
  description: string | null;
  publicNote: string | null;
  mergedInto: string | null;
}

/** The public view of one report: cell centre, hour-rounded window, approved text only. */
export function maskReport(r: MaskableReport): PublicReport {
  const { lat, lon } = cellCentre(r.cell);
  const from = floorToHour(r.observedFrom.getTime());
  // The end is floored too, but never before the start.
  const to = floorToHour(r.observedTo.getTime());
  return {
    id: r.id,
    category: r.category,
    cell: r.cell,
    lat,
    lon,
    observedFrom: from.toISOString(),
    observedTo: (to < from ? from : to).toISOString(),
    status: r.status,
    description: r.textPublic ? r.description : null,
    publicNote: r.publicNote,
    mergedInto: r.mergedInto ?? null,
  };
}

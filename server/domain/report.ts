// Turns a validated report submission into a stored row: time window, H3 cell and district.
import { DomainError } from './domain-error.ts';
import { reportCell } from './cells.ts';
import type { DistrictIndex } from './district-index.ts';
import type { CategoryCode, Source, Status } from './categories.ts';

/** Longest allowed observation window. */
export const MAX_WINDOW_MS = 7 * 24 * 3600 * 1000;
/** Clock skew tolerated between a phone and the server before a time counts as "in the future". */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;

export interface ReportInput {
  category: CategoryCode;
  lat: number;
  lon: number;
  observedAt?: Date | undefined;
  observedFrom?: Date | undefined;
  observedTo?: Date | undefined;
  description?: string | null | undefined;
  source: Source;
  status?: Status | undefined;
}

export interface ReportRow {
  id: string;
  category: CategoryCode;
  lat: number;
  lon: number;
  /** H3 resolution-10 cell, hex. */
  cell: string;
  districtId: string;
  observedFrom: Date;
  observedTo: Date;
  description: string | null;
  source: Source;
  status: Status;
}

/** Resolves observedAt / observedFrom–observedTo into one window, enforcing the rules. */
export function observationWindow(input: Pick<ReportInput, 'observedAt' | 'observedFrom' | 'observedTo'>, nowMs: number): { from: Date; to: Date } {
  const { observedAt, observedFrom, observedTo } = input;
  if (observedAt && (observedFrom || observedTo)) {
    throw new DomainError('time-ambiguous', 'Give either observedAt or observedFrom and observedTo, not both.', 'observedAt');
  }
  let from: Date, to: Date;
  if (observedAt) {
    from = to = observedAt;
  } else if (observedFrom && observedTo) {
    from = observedFrom;
    to = observedTo;
  } else {
    throw new DomainError('time-missing', 'Say when it happened: observedAt, or both observedFrom and observedTo.', observedFrom ? 'observedTo' : 'observedAt');
  }
  if (to.getTime() < from.getTime()) throw new DomainError('time-reversed', 'observedTo is before observedFrom.', 'observedTo');
  if (to.getTime() - from.getTime() > MAX_WINDOW_MS) throw new DomainError('time-window-too-long', `The observation window is longer than ${MAX_WINDOW_MS / 86_400_000} days.`, 'observedTo', { maxDays: MAX_WINDOW_MS / 86_400_000 });
  if (to.getTime() > nowMs + FUTURE_SKEW_MS) throw new DomainError('time-in-future', 'The observation time is in the future.', observedAt ? 'observedAt' : 'observedTo');
  return { from, to };
}

/** Plain text only: control characters other than newline and tab are removed, ends trimmed. */
export function cleanDescription(text: string | null | undefined): string | null {
  if (text == null) return null;
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return cleaned.length ? cleaned : null;
}

export function prepareReport(input: ReportInput, districts: DistrictIndex, id: string, nowMs: number): ReportRow {
  if (!(Math.abs(input.lat) <= 90 && Math.abs(input.lon) <= 180)) {
    throw new DomainError('coordinates-invalid', `The coordinates (${input.lat}, ${input.lon}) are not a WGS84 latitude and longitude.`, 'lat', { lat: input.lat, lon: input.lon });
  }
  const cell = reportCell(input.lat, input.lon);
  const districtId = districts.locate(input.lon, input.lat, cell);
  if (!districtId) {
    const names = districts.districts.map((d) => d.name);
    throw new DomainError('outside-area', `The point (${input.lat}, ${input.lon}) lies outside every district of the area. Reports are taken within: ${names.join(', ')}.`, 'lat', { lat: input.lat, lon: input.lon, districts: names });
  }
  const { from, to } = observationWindow(input, nowMs);
  return {
    id,
    category: input.category,
    lat: input.lat,
    lon: input.lon,
    cell,
    districtId,
    observedFrom: from,
    observedTo: to,
    description: cleanDescription(input.description),
    source: input.source,
    status: input.status ?? 'new',
  };
}

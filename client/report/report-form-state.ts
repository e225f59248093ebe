// The report form as plain data: field values, client-side checks that mirror the server's,
// and the FormData sent. Pure, so it is tested without a browser.

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export interface ReportDraft {
  place: { lat: number; lon: number } | null;
  category: string;
  when: 'now' | 'window';
  /** datetime-local values (the phone's local time, Europe/Stockholm for our residents). */
  from: string;
  to: string;
  description: string;
  photo: File | null;
  email: string;
  consent: boolean;
  /** Honeypot: people never see it. */
  website: string;
  /** Made once when the form opens; a retry of the same draft stores one report. */
  idempotencyKey: string;
}

export type FieldName = 'place' | 'category' | 'from' | 'to' | 'description' | 'photo' | 'email' | 'consent';
export type FieldErrors = Partial<Record<FieldName, string>>;

export function emptyDraft(idempotencyKey: string): ReportDraft {
  return { place: null, category: '', when: 'now', from: '', to: '', description: '', photo: null, email: '', consent: false, website: '', idempotencyKey };
}

export interface CheckMessages {
  errPlace: string;
  errCategory: string;
  errWindow: string;
  errWindowOrder: string;
  errPhotoSize: string;
  errConsent: string;
  errEmail: string;
}

export function checkDraft(d: ReportDraft, m: CheckMessages): FieldErrors {
  const e: FieldErrors = {};
  if (!d.place) e.place = m.errPlace;
  if (!d.category) e.category = m.errCategory;
  if (d.when === 'window') {
    if (!d.from) e.from = m.errWindow;
    if (!d.to) e.to = m.errWindow;
    if (d.from && d.to && new Date(d.to) < new Date(d.from)) e.to = m.errWindowOrder;
  }
  if (d.photo && d.photo.size > MAX_PHOTO_BYTES) e.photo = m.errPhotoSize;
  if (d.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) e.email = m.errEmail;
  if (d.email.trim() && !d.consent) e.consent = m.errConsent;
  return e;
}

/** The server's field names (server/schemas/public-reports.ts) mapped onto the form's. */
export function fieldOf(serverPath: string): FieldName | null {
  if (serverPath === 'lat' || serverPath === 'lon') return 'place';
  if (serverPath === 'observedFrom' || serverPath === 'observedAt') return 'from';
  if (serverPath === 'observedTo') return 'to';
  return (['category', 'description', 'photo', 'email', 'consent'] as const).find((f) => f === serverPath) ?? null;
}

export function toFormData(d: ReportDraft): FormData {
  const fd = new FormData();
  fd.set('category', d.category);
  if (d.place) {
    fd.set('lat', d.place.lat.toFixed(6));
    fd.set('lon', d.place.lon.toFixed(6));
  }
  if (d.when === 'window' && d.from && d.to) {
    fd.set('observedFrom', new Date(d.from).toISOString());
    fd.set('observedTo', new Date(d.to).toISOString());
  }
  if (d.description.trim()) fd.set('description', d.description.trim());
  if (d.email.trim()) {
    fd.set('email', d.email.trim());
    if (d.consent) fd.set('consent', 'true');
  }
  fd.set('website', d.website);
  fd.set('idempotencyKey', d.idempotencyKey);
  if (d.photo) fd.set('photo', d.photo, d.photo.name);
  return fd;
}

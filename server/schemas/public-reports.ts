// Zod schemas for the public (no sign-in) report form, its receipt, status and map pins.
import { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories.ts';
import { PUBLIC_STATUSES } from '../domain/mask-report.ts';
import { csvList } from './common.ts';

/** Browsers send empty inputs as ''; treat them as absent. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const when = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' }).transform((s) => new Date(s));
const coordinate = (min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ message: 'pick a place on the map' }).min(min).max(max));

/** The consent wording stored with an e-mail address (the form shows the same text). */
export const CONSENT_TEXT_SV =
  'Jag samtycker till att Linköpings kommun sparar min e-postadress för att kunna svara på min rapport. Adressen visas aldrig publikt och raderas när ärendet är avslutat.';

export const PublicReportForm = z
  .object({
    category: z.enum(CATEGORY_CODES, { message: 'choose a category' }),
    lat: coordinate(-90, 90).describe('Latitude, WGS84 degrees (never shown publicly)'),
    lon: coordinate(-180, 180).describe('Longitude, WGS84 degrees (never shown publicly)'),
    observedAt: optional(when).describe('When it happened; leave out all three for "just now"'),
    observedFrom: optional(when).describe('Start of the window in which it happened'),
    observedTo: optional(when).describe('End of the window (at most 7 days after the start)'),
    description: optional(z.string().max(2000, 'at most 2,000 characters')).describe('Shown publicly only after moderation'),
    email: optional(z.email('is not an e-mail address').max(254)).describe('For replies only; stored apart from the report'),
    consent: optional(z.enum(['true', 'on', 'yes'])).describe('Required with an e-mail: the resident agrees to the consent text'),
    website: z.string().max(500).optional().describe('Honeypot: leave empty (people never see this field)'),
    idempotencyKey: optional(z.string().regex(/^[\x21-\x7e]{8,200}$/, 'must be 8–200 visible ASCII characters')).describe('Random key made when the form opens: repeated submissions store one report'),
    photo: z.preprocess(blankToUndefined, z.instanceof(File, { message: 'must be a file' }).optional()).describe('JPEG, PNG or HEIC, at most 10 MB'),
  })
  .refine((v) => !(v.email && !v.consent), {
    path: ['consent'],
    message: 'tick the box to let us keep your e-mail, or leave the e-mail empty',
    // Also report it when other fields fail, so every field error shows at once.
    when: (payload) => {
      const v = payload.value as { email?: unknown; consent?: unknown } | undefined;
      return typeof v?.email === 'string' && v.email.trim() !== '';
    },
  });

export const PublicReportView = z.object({
  id: z.uuid(),
  category: z.string(),
  cell: z.string().describe('H3 resolution-10 cell'),
  lat: z.number().describe('Centre of the H3 cell, not the exact point'),
  lon: z.number(),
  observedFrom: z.string().describe('Floored to the hour'),
  observedTo: z.string(),
  status: z.string(),
  description: z.string().nullable().describe('Only once a moderator approved it'),
  publicNote: z.string().nullable(),
  mergedInto: z.uuid().nullable(),
});

export const Receipt = z.object({
  trackingToken: z.string(),
  trackingUrl: z.string().describe('Page where the resident can follow the report'),
  statusUrl: z.string().describe('API address of the status'),
  hasPhoto: z.boolean(),
  hasContact: z.boolean(),
  report: PublicReportView,
});

export const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'is not a tracking token') });

export const PublicPinQuery = z.object({
  days: z.enum(['7', '30', '90']).default('30').transform(Number).describe('Reports from the last 7, 30 or 90 days'),
  status: csvList(z.enum(PUBLIC_STATUSES)).optional().describe('Statuses; only approved and closed reports are ever public; default approved (closed hidden)'),
  categories: csvList(z.enum(CATEGORY_CODES)).optional().describe('Category codes, comma-separated'),
});

export const PublicPinCollection = z.object({
  type: z.literal('FeatureCollection'),
  total: z.number().int(),
  truncated: z.boolean(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).describe('H3 cell centre') }),
      properties: PublicReportView.omit({ lat: true, lon: true }),
    }),
  ),
});

export const WeeklyCountsQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(104).default(12).describe('Complete and current ISO weeks to count, newest last (1–104)'),
});

export const WeeklyCountsResponse = z.object({
  weeks: z.array(z.string()).describe('Mondays (Europe/Stockholm) of the weeks counted, YYYY-MM-DD'),
  districts: z.array(z.object({ id: z.string(), name: z.string() })),
  withheld: z.object({ categories: z.array(z.string()), sources: z.array(z.string()) }).describe('What is never a public pin under the current settings'),
  rows: z.array(z.object({ district: z.string(), week: z.string(), category: z.string(), count: z.number().int() })).describe('Non-zero counts only'),
});

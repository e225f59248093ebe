// Zod schemas for Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the
// form-encoded POST, the GET filters, and the documented response shapes.
import { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories.ts';
import { csvList } from './common.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());
const when = z.iso.datetime({ offset: true, message: 'must be a W3C date-time with offset, e.g. 2026-11-20T21:30:00+01:00' }).transform((s) => new Date(s));

/** POST requests: spec fields plus the extensions observed_from / observed_to / email_consent. Unknown fields are ignored. */
export const Open311PostForm = z.object({
  api_key: opt(z.string().max(200)).describe('API token of a partner; leave out to report anonymously'),
  jurisdiction_id: opt(z.string().max(100)),
  service_code: z.enum(CATEGORY_CODES, { message: 'is not a service_code of GET services' }),
  lat: opt(z.coerce.number().min(-90).max(90)).describe('WGS84 latitude (required: addresses are not geocoded here)'),
  long: opt(z.coerce.number().min(-180).max(180)).describe('WGS84 longitude'),
  address_string: opt(z.string().max(500)),
  address_id: opt(z.string().max(100)),
  email: opt(z.email('is not an e-mail address').max(254)).describe('Stored only with email_consent=true'),
  email_consent: opt(z.enum(['true', 'false'])).describe('Extension: the person agreed to the e-mail being kept for replies'),
  device_id: opt(z.string().max(200)),
  account_id: opt(z.string().max(200)),
  first_name: opt(z.string().max(200)),
  last_name: opt(z.string().max(200)),
  phone: opt(z.string().max(50)),
  description: opt(z.string().max(2000, 'at most 2,000 characters')),
  media_url: opt(z.string().max(2000)),
  'attribute[observed_from]': opt(when),
  'attribute[observed_to]': opt(when),
  observed_from: opt(when).describe('Extension, same as attribute[observed_from]'),
  observed_to: opt(when).describe('Extension, same as attribute[observed_to]'),
});

export const Open311RequestsQuery = z.object({
  jurisdiction_id: z.string().max(100).optional(),
  service_request_id: csvList(z.uuid({ message: 'is not a service_request_id' })).optional().describe('Comma-separated ids; other filters are then ignored'),
  service_code: csvList(z.enum(CATEGORY_CODES)).optional(),
  start_date: z.iso.datetime({ offset: true }).optional().describe('Earliest requested_datetime (W3C)'),
  end_date: z.iso.datetime({ offset: true }).optional().describe('Latest requested_datetime (W3C)'),
  status: csvList(z.enum(['open', 'closed'])).optional(),
});

export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});

export const Open311ServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.string(),
      required: z.boolean(),
      datatype_description: z.string(),
      order: z.number(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  ),
});

export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable().describe('Only once moderated'),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string().describe('Floored to the hour'),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable().describe('District name'),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().describe('H3 cell centre, never the exact point'),
  long: z.number(),
  media_url: z.string().nullable(),
  h3_cell: z.string().describe('Extension: H3 resolution-10 cell'),
  observed_from: z.string().describe('Extension: start of the observation window (hour)'),
  observed_to: z.string().describe('Extension: end of the observation window (hour)'),
});

export const Open311PostResponse = z.array(z.object({ service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable(), token: z.string() }));
export const Open311TokenResponse = z.array(z.object({ service_request_id: z.string(), token: z.string() }));
export const Open311Errors = z.array(z.object({ code: z.number(), description: z.string() }));

// Zod schemas for the reports resource: what the API accepts and returns.
import { z } from 'zod';
import { CATEGORY_CODES, SOURCES, STATUSES } from '../domain/categories.ts';
import { BboxParam, csvList, instant } from './common.ts';
import { OTRYGGHET, PLACE_KIND_CODES } from '../domain/est.ts';

const when = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const NewReport = z.strictObject({
  category: z.enum(CATEGORY_CODES).describe('Category code, see GET /api/categories'),
  lat: z.number().min(-90).max(90).describe('Latitude, WGS84 degrees'),
  lon: z.number().min(-180).max(180).describe('Longitude, WGS84 degrees'),
  observedAt: when.optional().describe('When it happened (ISO 8601 with offset). Or give observedFrom and observedTo.'),
  observedFrom: when.optional().describe('Start of the window in which it happened'),
  observedTo: when.optional().describe('End of the window (at most 7 days after observedFrom, not in the future)'),
  description: z.string().max(2000).nullish().describe('Plain text, at most 2,000 characters'),
  source: z.enum(SOURCES).default('resident').describe('Who sends the report'),
  discoveredOnPatrol: z.boolean().default(false).describe("Found by a team on patrol (field mode); staff reports only. Kept apart in the fairness check"),
  otrygghet: z.enum(OTRYGGHET).optional().describe("EST: does it create otrygghet (insecurity)? 'ja', 'nej' or 'vet-ej'"),
  placeKind: z.enum(PLACE_KIND_CODES).optional().describe('EST: kind of place (trapphus, entre, kallare, butik, skolgard, busshallplats, park, parkering, gangtunnel, lekplats, gata, annat)'),
});

export const Report = z.object({
  id: z.uuid(),
  category: z.string(),
  lat: z.number(),
  lon: z.number(),
  cell: z.string().describe('H3 resolution-10 cell (hex)'),
  district: z.string().describe('District id'),
  observedFrom: z.string(),
  observedTo: z.string(),
  description: z.string().nullable(),
  source: z.enum(SOURCES),
  status: z.enum(STATUSES),
  createdAt: z.string(),
  otrygghet: z.enum(OTRYGGHET).nullable().describe('EST judgement'),
  placeKind: z.enum(PLACE_KIND_CODES).nullable().describe('EST kind of place'),
  organisation: z.string().nullable().describe('Reporting organisation (partners)'),
});

const filterFields = {
  bbox: BboxParam.optional(),
  district: csvList(z.string().max(64)).optional().describe('District ids, comma-separated (alias: districts)'),
  districts: csvList(z.string().max(64)).optional(),
  category: csvList(z.enum(CATEGORY_CODES)).optional().describe('Category codes, comma-separated (alias: categories)'),
  categories: csvList(z.enum(CATEGORY_CODES)).optional(),
  status: csvList(z.enum(STATUSES)).optional().describe('Statuses, comma-separated (alias: statuses)'),
  statuses: csvList(z.enum(STATUSES)).optional(),
  source: csvList(z.enum(SOURCES)).optional().describe('Sources, comma-separated (alias: sources)'),
  sources: csvList(z.enum(SOURCES)).optional(),
  from: instant(false).optional().describe('Reports whose window ends at or after this time'),
  to: instant(true).optional().describe('Reports whose window starts at or before this time'),
};

export const ReportQuery = z.object({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size, at most 1,000'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const PinQuery = z.object({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(50000).default(50000),
});

export const ReportPage = z.object({ items: z.array(Report), nextCursor: z.string().nullable() });

export const PinCollection = z.object({
  type: z.literal('FeatureCollection'),
  total: z.number().int().describe('Reports matching the filter'),
  truncated: z.boolean().describe('True when more reports match than were returned'),
  masked: z.boolean().describe('True on the public map: points at cell centres, hours only, no ids'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({ id: z.uuid().nullable(), cell: z.string(), category: z.string(), observedTo: z.string() }),
    }),
  ),
});

export const IdParam = z.object({ id: z.uuid({ message: 'id must be a UUID' }) });

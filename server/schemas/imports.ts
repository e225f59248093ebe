// Zod schemas for historical report imports (POST /api/imports, GET /api/imports/:id).
import { z } from 'zod';
import { SOURCES } from '../domain/categories.ts';

export const ImportQuery = z.object({
  format: z.enum(['csv', 'geojson']).optional().describe('Defaults from Content-Type: text/csv or application/geo+json'),
  map: z.string().max(1000).optional().describe('Column mapping: category=Brottstyp,lat=Nord,lon=Ost,observedAt=Tid (fields: category, lat, lon, observedAt, observedFrom, observedTo, description, source, externalId)'),
  source: z.enum(SOURCES).default('police').describe('Source of rows without a source column'),
});

export const ImportIdParam = z.object({ id: z.uuid() });

export const ImportJobBody = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: z.object({ bytesRead: z.number(), totalBytes: z.number().nullable(), rowsRead: z.number(), inserted: z.number(), rejected: z.number() }),
  duplicates: z.number(),
  rejections: z.array(z.object({ line: z.number(), field: z.string(), reason: z.string() })).describe('At most the first 1,000; the CSV link has them all'),
  error: z.string().nullable(),
});

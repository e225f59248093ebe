// /api/reports: create, list (filtered, cursor-paged), pins for the map, one report.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { once, readIdempotencyKey } from '../http/idempotency.ts';
import { IdParam, NewReport, PinCollection, PinQuery, Report, ReportPage, ReportQuery } from '../schemas/reports.ts';
import { prepareReport } from '../domain/report.ts';
import { getReport, insertReport, listPins, listReports, type Cursor, type ReportFilter } from '../db/queries/reports.ts';

/** Largest report body accepted (a 2,000-character description is far below it). */
export const REPORT_BODY_LIMIT_BYTES = 64 * 1024;

type FilterQuery = Partial<Record<'district' | 'districts' | 'category' | 'categories' | 'status' | 'statuses' | 'source' | 'sources', string[]>> & {
  bbox?: [number, number, number, number] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

function toFilter(q: FilterQuery): ReportFilter {
  const merge = (a?: string[], b?: string[]) => (a || b ? [...(a ?? []), ...(b ?? [])] : undefined);
  return {
    bbox: q.bbox,
    districts: merge(q.district, q.districts),
    categories: merge(q.category, q.categories),
    statuses: merge(q.status, q.statuses),
    sources: merge(q.source, q.sources),
    from: q.from,
    to: q.to,
  };
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.observedTo, c.id])).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const [observedTo, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [string, string];
    if (Number.isNaN(Date.parse(observedTo)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('shape');
    return { observedTo, id };
  } catch {
    throw new HttpProblem(400, 'The cursor is not one this API gave out. Start again without a cursor.', { errors: [{ path: 'cursor', message: 'invalid' }] });
  }
}

export function reportRoutes(deps: AppDeps) {
  const { sql } = deps;
  return new Hono()
    .post(
      '/',
      describe({
        summary: 'Submit a report',
        description: 'Stores a report with its H3 resolution-10 cell and district. A point outside every district is refused with 422. Send an Idempotency-Key header to make retries safe.',
        tags: ['reports'],
        headers: [{ name: 'Idempotency-Key', description: 'Repeating a key returns the first answer and stores nothing twice' }],
        responses: { 201: { description: 'The stored report', schema: Report }, 413: { description: 'Body larger than 64 KiB' }, 422: { description: 'Invalid report' } },
      }),
      bodyLimit({
        maxSize: REPORT_BODY_LIMIT_BYTES,
        onError: () => {
          throw new HttpProblem(413, `The request body is larger than ${REPORT_BODY_LIMIT_BYTES / 1024} KiB; a report is a few hundred bytes.`);
        },
      }),
      validate('json', NewReport),
      async (c) => {
        const input = c.req.valid('json');
        const key = readIdempotencyKey(c.req.header('Idempotency-Key'));
        const row = prepareReport(input, await deps.area.index(), deps.newId(), deps.now());
        const res = await once(sql, 'POST /api/reports', key, input, 201, (tx) => insertReport(tx, row));
        if (res.replayed) c.header('Idempotent-Replayed', 'true');
        c.header('Location', `/api/reports/${res.body.id}`);
        return c.json(res.body, 201);
      },
    )
    .get(
      '/',
      describe({ summary: 'List reports', description: 'Newest first (by observedTo), filtered; page with nextCursor.', tags: ['reports'], responses: { 200: { description: 'A page of reports', schema: ReportPage } } }),
      validate('query', ReportQuery),
      async (c) => {
        const q = c.req.valid('query');
        const rows = await listReports(sql, toFilter(q), q.limit, q.cursor ? decodeCursor(q.cursor) : undefined);
        const items = rows.slice(0, q.limit);
        const last = items.at(-1);
        const nextCursor = rows.length > q.limit && last ? encodeCursor({ observedTo: last.observedTo, id: last.id }) : null;
        return c.json({ items, nextCursor }, 200);
      },
    )
    .get(
      '/pins',
      describe({ summary: 'Report points for the map', description: 'Compact GeoJSON for the clustered pin layer, newest first, at most 50,000.', tags: ['reports'], responses: { 200: { description: 'Pins', schema: PinCollection } } }),
      validate('query', PinQuery),
      async (c) => {
        const q = c.req.valid('query');
        const { pins, total } = await listPins(sql, toFilter(q), q.limit);
        return c.json(
          {
            type: 'FeatureCollection' as const,
            total,
            truncated: total > pins.length,
            features: pins.map((p) => ({
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] as [number, number] },
              properties: { id: p.id, category: p.category, observedTo: p.observedTo },
            })),
          },
          200,
        );
      },
    )
    .get(
      '/:id',
      describe({ summary: 'One report', tags: ['reports'], responses: { 200: { description: 'The report', schema: Report }, 404: { description: 'No such report' } } }),
      validate('param', IdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const report = await getReport(sql, id);
        if (!report) throw new HttpProblem(404, `No report has id ${id}.`);
        return c.json(report, 200);
      },
    );
}

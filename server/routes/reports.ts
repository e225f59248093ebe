// /api/reports: create, list (filtered, cursor-paged), pins for the map, one report.
import { Hono } from 'hono';
import { maxBody } from '../http/body-size.ts';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { readIdempotencyKey, requestHash } from '../http/idempotency.ts';
import { makeBatcher } from '../db/batcher.ts';
import { writeReportSubmissions, type ReportSubmission } from '../db/queries/report-batch.ts';
import { IdParam, NewReport, PinCollection, PinQuery, Report, ReportPage, ReportQuery } from '../schemas/reports.ts';
import { prepareReport } from '../domain/report.ts';
import { getReport, listDisclosedPins, listPins, listReports, type Cursor, type ReportDto, type ReportFilter } from '../db/queries/reports.ts';
import { loadDisclosurePolicy, stagesOf } from '../db/queries/disclosure.ts';
import { isReportSubmitter, listSubmittedReports } from '../db/queries/report-owners.ts';
import { currentRole, currentUser, guard, userCan } from '../http/guard.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { resolveSecurity } from '../auth/options.ts';
import { reportSourceFor } from '../auth/report-source.ts';
import { audit, auditContext } from '../auth/audit.ts';
import { SOURCES } from '../domain/categories.ts';
import { reportCell } from '../domain/cells.ts';
import { cellCentre, floorToHour } from '../domain/mask-report.ts';
import type { Pin } from '../db/queries/reports.ts';

/** A pin as the public may see it: at its cell centre, the hour only, no id. */
function maskPin(p: Pin) {
  const cell = reportCell(p.lat, p.lon);
  const centre = cellCentre(cell);
  return {
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [centre.lon, centre.lat] as [number, number] },
    properties: { id: null as string | null, cell, category: p.category, observedTo: floorToHour(Date.parse(p.observedTo)).toISOString() },
  };
}

/** The body as sent: `source` optional, so the default follows who sends it (see reportSourceFor). */
const NewReportBody = NewReport.extend({
  source: z.enum(SOURCES).optional().describe("Who sends the report. Default and allowed values follow the caller: anonymous → 'resident' only; staff → 'staff' or 'resident'; partner → 'partner' or 'resident'"),
});

/** Reports whose exact point came from a resident: reading them is audit-logged. */
const hasResidentPoints = (items: readonly Pick<ReportDto, 'source'>[]) => items.some((r) => r.source === 'resident');

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
    throw new HttpProblem(400, 'The cursor is not one this API gave out. Start again without a cursor.', { code: 'cursor-invalid', errors: [{ path: 'cursor', message: 'invalid', code: 'cursor-invalid' }] });
  }
}

export function reportRoutes(deps: AppDeps) {
  const { sql } = deps;
  const security = resolveSecurity(deps.security);
  const limits = security.rateLimits;
  // Anonymous submissions are limited per IP; signed-in callers are accountable and exempt.
  const publicWriteLimit = rateLimit(sql, limits && { ...limits.publicWrite, now: deps.now, trustProxy: security.trustProxy, what: 'report submissions', skip: (c) => currentUser(c) !== null });
  const auditExactRead = (c: Parameters<typeof auditContext>[0], target: string, detail: Record<string, unknown>) =>
    audit(sql, { ...auditContext(c, security.trustProxy), action: 'reports.read-exact', target, detail, at: deps.now() });
  // Submissions arriving while a batch commits go together in the next (one statement, one commit);
  // two batches in flight let one be prepared while the other waits on the database.
  const writer = makeBatcher((subs: ReportSubmission[]) => writeReportSubmissions(sql, subs), { maxBatch: 250, concurrency: 2 });
  return new Hono()
    .post(
      '/',
      guard('reports:create'),
      describe({
        summary: 'Submit a report',
        description: 'Stores a report with its H3 resolution-10 cell and district. A point outside every district is refused with 422. Send an Idempotency-Key header to make retries safe.',
        tags: ['reports'],
        headers: [{ name: 'Idempotency-Key', description: 'Repeating a key returns the first answer and stores nothing twice' }],
        responses: { 201: { description: 'The stored report', schema: Report }, 403: { description: 'The caller may not claim that source' }, 413: { description: 'Body larger than 64 KiB' }, 422: { description: 'Invalid report' }, 429: { description: 'Too many anonymous submissions from this address' } },
      }),
      publicWriteLimit,
      maxBody(REPORT_BODY_LIMIT_BYTES, 'a report is a few hundred bytes'),
      validate('json', NewReportBody),
      async (c) => {
        const body = c.req.valid('json');
        const user = currentUser(c);
        const source = reportSourceFor(currentRole(c), body.source);
        if (source === null) {
          throw new HttpProblem(403, `As ${user ? `a ${user.role}` : 'an anonymous resident'} you may not send a report as '${body.source}'.`, { code: 'source-not-allowed', errors: [{ path: 'source', message: 'not allowed for this caller', code: 'source-not-allowed' }], extensions: { source: body.source } });
        }
        if (body.discoveredOnPatrol && source !== 'staff') {
          throw new HttpProblem(422, "Only staff reports (source 'staff') can be marked as discovered on patrol.", { code: 'patrol-staff-only', errors: [{ path: 'discoveredOnPatrol', message: 'staff reports only', code: 'patrol-staff-only' }] });
        }
        const input = { ...body, source: source as (typeof SOURCES)[number] };
        const key = readIdempotencyKey(c.req.header('Idempotency-Key'));
        const row = prepareReport(input, await deps.area.index(), deps.newId(), deps.now());
        // Idempotency keys are per caller: another caller's key never replays someone else's report.
        const scope = user ? `POST /api/reports ${user.id}` : 'POST /api/reports';
        const res = await writer.submit({
          row,
          submittedBy: user?.id ?? null,
          discoveredOnPatrol: body.discoveredOnPatrol ?? false,
          idempotency: key === null ? null : { scope, key, hash: requestHash(input) },
        });
        if (res.replayed) c.header('Idempotent-Replayed', 'true');
        c.header('Location', `/api/reports/${res.body.id}`);
        return c.json(res.body, 201);
      },
    )
    .get(
      '/',
      guard('reports:read'),
      describe({ summary: 'List reports', description: 'Newest first (by observedTo), filtered; page with nextCursor.', tags: ['reports'], responses: { 200: { description: 'A page of reports', schema: ReportPage } } }),
      validate('query', ReportQuery),
      async (c) => {
        const q = c.req.valid('query');
        const rows = await listReports(sql, toFilter(q), q.limit, q.cursor ? decodeCursor(q.cursor) : undefined);
        const items = rows.slice(0, q.limit);
        const last = items.at(-1);
        const nextCursor = rows.length > q.limit && last ? encodeCursor({ observedTo: last.observedTo, id: last.id }) : null;
        if (hasResidentPoints(items)) await auditExactRead(c, 'reports:list', { count: items.length, query: c.req.query() });
        return c.json({ items, nextCursor }, 200);
      },
    )
    .get(
      '/pins',
      guard.public(),
      describe({
        summary: 'Report points for the map',
        description:
          'Compact GeoJSON for the clustered pin layer, newest first, at most 50,000. Without the reports:read permission (the public map) the disclosure rule of GET /api/public/pins applies — approved residents\' and partners\' reports (and the synthetic demo reports), never police reports or hot-vald/narkotika unless an admin made them public, only cells holding at least 3 of the answer\'s reports (the from–to window) — and every point is moved to its H3 resolution-10 cell centre, times are floored to the hour, ids are omitted (masked: true).',
        tags: ['reports'],
        responses: { 200: { description: 'Pins', schema: PinCollection } },
      }),
      validate('query', PinQuery),
      async (c) => {
        const q = c.req.valid('query');
        if (!userCan(currentUser(c), 'reports:read')) {
          const f = toFilter(q);
          const stages = f.statuses ? stagesOf(f.statuses) : { open: true, closed: false };
          const { pins, total } = await listDisclosedPins(sql, f, await loadDisclosurePolicy(sql), stages, q.limit);
          return c.json({ type: 'FeatureCollection' as const, total, truncated: total > pins.length, masked: true, features: pins.map(maskPin) }, 200);
        }
        const { pins, total } = await listPins(sql, toFilter(q), q.limit);
        if (pins.length) await auditExactRead(c, 'reports:pins', { count: pins.length, query: c.req.query() });
        return c.json(
          {
            type: 'FeatureCollection' as const,
            total,
            truncated: total > pins.length,
            masked: false,
            features: pins.map((p) => ({
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] as [number, number] },
              properties: { id: p.id as string | null, cell: reportCell(p.lat, p.lon), category: p.category, observedTo: p.observedTo },
            })),
          },
          200,
        );
      },
    )
    .get(
      '/mine',
      guard('reports:read-own'),
      describe({ summary: 'Reports I submitted', description: 'The newest 500 reports the signed-in account (or its API token) submitted.', tags: ['reports'], responses: { 200: { description: 'Reports', schema: ReportPage } } }),
      async (c) => {
        const items = await listSubmittedReports(sql, currentUser(c)!.id, 500);
        return c.json({ items, nextCursor: null }, 200);
      },
    )
    .get(
      '/:id',
      guard('reports:read-own'),
      describe({ summary: 'One report', description: "With reports:read any report; with only reports:read-own (partners) one's own.", tags: ['reports'], responses: { 200: { description: 'The report', schema: Report }, 404: { description: 'No such report' } } }),
      validate('param', IdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const user = currentUser(c)!;
        const mayRead = userCan(user, 'reports:read') || (await isReportSubmitter(sql, id, user.id));
        const report = mayRead ? await getReport(sql, id) : null;
        if (!report) throw new HttpProblem(404, `No report has id ${id}.`, { code: 'report-not-found' });
        if (report.source === 'resident') await auditExactRead(c, `report:${id}`, {});
        return c.json(report, 200);
      },
    );
}

// /api/imports: historical report files uploaded by a chief or admin (import:write), imported in
// the background (COPY on a real server, batched inserts on PGlite) and polled for progress.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { guard } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { ImportIdParam, ImportJobBody, ImportQuery } from '../schemas/imports.ts';
import { importHistorical, rejectionsCsv } from '../import/historical-import.ts';
import { makeImportJobs, type ImportJob } from '../import/import-jobs.ts';

/** Largest upload accepted (a year of reports for three districts is a few MB). */
export const IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

const view = (j: ImportJob) => ({ ...j, rejections: j.rejections.slice(0, 1000) });

export function importRoutes(deps: AppDeps) {
  const jobs = makeImportJobs(deps.now);
  const isEmbedded = async () => {
    const [r] = await deps.sql<{ v: string }[]>`select version() as v`;
    return /wasm|emscripten/i.test(r?.v ?? '');
  };

  return new Hono()
    .post(
      '/',
      describe({
        summary: 'Import historical reports',
        description: 'Send the file as the body (Content-Type text/csv or application/geo+json). Answers 202 with a job to poll; the same file imported twice stores each report once.',
        tags: ['imports'],
        requestBody: { contentType: 'text/csv', description: 'CSV with a header row (or a GeoJSON FeatureCollection of Points)' },
        responses: { 202: { description: 'Import started', schema: ImportJobBody }, 413: { description: 'File larger than 64 MiB' } },
      }),
      guard('import:write'),
      bodyLimit({
        maxSize: IMPORT_BODY_LIMIT_BYTES,
        onError: () => {
          throw new HttpProblem(413, `The file is larger than ${IMPORT_BODY_LIMIT_BYTES / 1024 / 1024} MiB; import it with npm run import -- FILE instead.`, { code: 'body-too-large', extensions: { limitBytes: IMPORT_BODY_LIMIT_BYTES } });
        },
      }),
      validate('query', ImportQuery),
      async (c) => {
        const q = c.req.valid('query');
        const type = c.req.header('Content-Type') ?? '';
        const format = q.format ?? (/json/i.test(type) ? 'geojson' : /csv|text\/plain/i.test(type) ? 'csv' : null);
        if (!format) throw new HttpProblem(415, 'Send the file as text/csv or application/geo+json (or give ?format=csv|geojson).', { code: 'file-type' });
        const body = Buffer.from(await c.req.arrayBuffer());
        if (!body.length) throw new HttpProblem(422, 'The file is empty.', { code: 'file-empty', errors: [{ path: '(body)', message: 'empty', code: 'file-empty' }] });
        const districts = await deps.area.index();
        const method = (await isEmbedded()) ? 'insert' : 'copy';
        const job = jobs.start(deps.newId(), body.length, (onProgress) =>
          importHistorical(deps.sql, [body], { format, mapping: q.map, defaultSource: q.source, districts, nowMs: deps.now(), method, totalBytes: body.length, onProgress }),
        );
        c.header('Location', `/api/imports/${job.id}`);
        return c.json(view(job), 202);
      },
    )
    .get(
      '/:id',
      describe({ summary: 'Progress of an import', tags: ['imports'], responses: { 200: { description: 'The job', schema: ImportJobBody }, 404: { description: 'No such import' } } }),
      guard('import:write'),
      validate('param', ImportIdParam),
      (c) => {
        const job = jobs.get(c.req.valid('param').id);
        if (!job) throw new HttpProblem(404, 'No import with that id is known to this server (finished imports are kept for an hour).', { code: 'import-not-found' });
        return c.json(view(job), 200);
      },
    )
    .get(
      '/:id/rejections.csv',
      describe({ summary: 'Rejected rows of an import as CSV', tags: ['imports'], responses: { 200: { description: 'line,field,reason', contentType: 'text/csv' }, 404: { description: 'No such import' } } }),
      guard('import:write'),
      validate('param', ImportIdParam),
      (c) => {
        const job = jobs.get(c.req.valid('param').id);
        if (!job) throw new HttpProblem(404, 'No import with that id is known to this server.', { code: 'import-not-found' });
        return c.body(rejectionsCsv(job.rejections), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="import-${job.id}-rejected.csv"` });
      },
    );
}

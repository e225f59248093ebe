// createApp(deps): middleware, the one error handler, one sub-app per resource, the OpenAPI
// document and the built client. Exports AppType for the client's hc<AppType>.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { compress } from 'hono/compress';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AppDeps } from './deps.ts';
import { HttpProblem } from './http/problem.ts';
import { problemResponse, toProblem } from './http/on-error.ts';
import { buildOpenApi } from './http/openapi.ts';
import { DOCS_CSS, renderDocsPage } from './http/docs-page.ts';
import { reportRoutes } from './routes/reports.ts';
import { areaRoutes } from './routes/area.ts';
import { patrolRoutes } from './routes/patrol-routes.ts';
import { patrolRoutes } from './routes/patrol-routes.ts';
import { trackRoutes } from './routes/tracks.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { publicReportRoutes } from './routes/public-reports.ts';
import { moderationRoutes } from './routes/moderation.ts';

/** Any API body larger than this is refused before a route sees it. */
const API_BODY_LIMIT_BYTES = 1024 * 1024;

function apiRoutes(deps: AppDeps) {
  return new Hono()
    .route('/reports', reportRoutes(deps))
    .route('/routes', patrolRoutes(deps))
    .route('/routes', patrolRoutes(deps))
    .route('/tracks', trackRoutes(deps))
    .route('/public', publicReportRoutes(deps))
    .route('/moderation', moderationRoutes(deps))
    .route('/', areaRoutes(deps))
    .route('/', analyticsRoutes(deps));
}

export type AppType = ReturnType<typeof apiRoutes>;

export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.use(requestId());
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    if (c.res.status >= 500) deps.log.error('request failed', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status });
    else deps.log.info('request', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) });
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:', ...(deps.basemapStyleUrl ? ['https:'] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", ...(deps.basemapStyleUrl ? ['https:'] : [])],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('/api/*', compress());
  const apiBodyLimit = bodyLimit({
    maxSize: API_BODY_LIMIT_BYTES,
    onError: () => {
      throw new HttpProblem(413, `The request body is larger than ${API_BODY_LIMIT_BYTES / 1024 / 1024} MiB.`);
    },
  });
  // The residents' form carries a photo (≤ 10 MB) and sets its own limit.
  app.use('/api/*', (c, next) => (c.req.path === '/api/public/reports' ? next() : apiBodyLimit(c, next)));

  app.onError((err, c) => {
    const problem = toProblem(err);
    if (problem.status >= 500) deps.log.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return problemResponse(c, problem);
  });
  app.notFound((c) => problemResponse(c, new HttpProblem(404, `There is nothing at ${c.req.method} ${c.req.path}. See /api/docs for the API.`)));

  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200));
  app.get('/readyz', async (c) => {
    await deps.sql`select 1`;
    return c.json({ status: 'ready' }, 200);
  });

  app.route('/api', apiRoutes(deps));

  let openapi: Record<string, unknown> | undefined;
  const getOpenApi = () =>
    (openapi ??= buildOpenApi(app.routes, {
      title: 'Trygghetskartan',
      version: '0.1.0',
      description: 'Patrol-planning map for områdesteam: reports in H3 cells, districts, streets.',
    }));
  app.get('/api/openapi.json', (c) => c.json(getOpenApi(), 200));
  app.get('/api/docs', (c) => c.html(renderDocsPage(getOpenApi()), 200));
  app.get('/api/docs.css', (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.all('/api/*', (c) => problemResponse(c, new HttpProblem(404, `There is no API route ${c.req.method} ${c.req.path}. See /api/docs.`)));

  if (deps.staticDir && existsSync(join(deps.staticDir, 'index.html'))) {
    const root = relative(process.cwd(), deps.staticDir) || '.';
    const indexHtml = readFileSync(join(deps.staticDir, 'index.html'), 'utf8');
    app.use('/*', serveStatic({ root }));
    app.get('*', (c) => c.html(indexHtml, 200)); // client-side routes
  }

  return app;
}

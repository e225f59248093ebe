// createApp(deps): middleware, the one error handler, one sub-app per resource, the OpenAPI
// document and the built client. Exports AppType for the client's hc<AppType>.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { compress } from 'hono/compress';
import { maxBody } from './http/body-size.ts';
import { cors } from 'hono/cors';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inlineScriptHashes, serveClient } from './http/client-files.ts';
import type { AppDeps } from './deps.ts';
import { HttpProblem } from './http/problem.ts';
import { databaseUnavailable, isDatabaseDown, problemResponse, toProblem } from './http/on-error.ts';
import { guard } from './http/guard.ts';
import { csrfProtection } from './http/csrf.ts';
import { dbGate, makeDbBreaker } from './http/db-breaker.ts';
import { loadUser } from './auth/load-user.ts';
import { resolveSecurity } from './auth/options.ts';
import { authRoutes } from './routes/auth.ts';
import { adminRoutes } from './routes/admin.ts';
import { disclosureRoutes } from './routes/disclosure.ts';
import { buildOpenApi } from './http/openapi.ts';
import { DOCS_CSS, renderDocsPage } from './http/docs-page.ts';
import { reportRoutes } from './routes/reports.ts';
import { areaRoutes } from './routes/area.ts';
import { patrolRoutes } from './routes/patrol-routes.ts';
import { trackRoutes } from './routes/tracks.ts';
import { coverageRoutes } from './routes/coverage.ts';
import { liveRoutes } from './routes/live.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { importRoutes } from './routes/imports.ts';
import { publicReportRoutes } from './routes/public-reports.ts';
import { moderationRoutes } from './routes/moderation.ts';
import { open311Routes } from './routes/open311.ts';
import { lagesbildRoutes } from './routes/lagesbild.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { interventionRoutes } from './routes/interventions.ts';
import { sunRoutes } from './routes/sun.ts';
import { experimentRoutes } from './routes/experiments.ts';
import { mapRoutes } from './routes/map.ts';
import { makeTileStore } from './tiles/tile-builder.ts';
import { tileFastPath } from './http/tile-response.ts';
import { placeRoutes } from './routes/places.ts';

/** Any API body larger than this is refused before a route sees it. */
const API_BODY_LIMIT_BYTES = 1024 * 1024;

function apiRoutes(deps: AppDeps) {
  return new Hono()
    .route('/reports', reportRoutes(deps))
    .route('/routes', patrolRoutes(deps))
    .route('/tracks', trackRoutes(deps))
    .route('/live', liveRoutes(deps))
    .route('/', coverageRoutes(deps))
    .route('/public', publicReportRoutes(deps))
    .route('/moderation', moderationRoutes(deps))
    .route('/auth', authRoutes(deps))
    .route('/admin/organisations', organisationRoutes(deps))
    .route('/admin', adminRoutes(deps))
    .route('/admin/disclosure', disclosureRoutes(deps))
    .route('/lagesbild', lagesbildRoutes(deps))
    .route('/', areaRoutes(deps))
    .route('/', analyticsRoutes(deps))
    .route('/imports', importRoutes(deps))
    .route('/places', placeRoutes(deps))
    .route('/interventions', interventionRoutes(deps))
    .route('/experiments', experimentRoutes(deps))
    .route('/', sunRoutes(deps));
}

export type AppType = ReturnType<typeof apiRoutes>;

export function createApp(deps: AppDeps) {
  const app = new Hono();
  const security = resolveSecurity(deps.security);
  // Wall-clock time on purpose: the breaker paces real retries, whatever clock the app is given.
  // An online basemap (BASEMAP_STYLE_URL) may be fetched from its own origin only.
  const basemapOrigin = deps.basemapStyleUrl ? [new URL(deps.basemapStyleUrl).origin] : [];
  const breaker = makeDbBreaker({ ping: () => deps.sql`select 1`, now: () => performance.now() });
  // The one tile store: its memory and version are shared by the fast path and the route. The
  // version's TTL runs on the app's clock, so a test can step past it.
  const tiles = makeTileStore(deps.sql, { now: deps.now, onWriteError: (err) => deps.log.warn('tile not stored', { error: err instanceof Error ? err.message : String(err) }) });

  const clientDir = deps.staticDir && existsSync(join(deps.staticDir, 'index.html')) ? deps.staticDir : null;
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // index.html's one small inline script (the residents' first map picture) by its hash.
        scriptSrc: ["'self'", ...(clientDir ? inlineScriptHashes(clientDir) : [])],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:', ...basemapOrigin],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", ...basemapOrigin],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Tiles held in memory are answered here, before the request id, the request log and the rest
  // (a map page asks for dozens at a time); any other tile request goes on to the route.
  app.use(tileFastPath(tiles));
  app.use(requestId());
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    const user = c.get('user')?.id ?? null;
    if (c.res.status >= 500) deps.log.error('request failed', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, user });
    else deps.log.info('request', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, user, ms: Math.round(performance.now() - start) });
  });
  if (security.corsOrigins.length) {
    app.use('/api/*', cors({ origin: security.corsOrigins, allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'], exposeHeaders: ['Location', 'Retry-After'], maxAge: 600 }));
  }
  // Reads are compressed (pins, heat maps, GeoJSON); writes answer with a few hundred bytes, which
  // hono's compress cannot size (c.json sets no Content-Length) and would gzip through a stream each.
  const compressReads = compress();
  app.use('/api/*', (c, next) => (c.req.method === 'GET' ? compressReads(c, next) : next()));
  const apiBodyLimit = maxBody(API_BODY_LIMIT_BYTES, 'send large data in smaller parts');
  // The residents' form carries a photo (≤ 10 MB) and historical imports a file (≤ 64 MiB): they set their own limits.
  app.use('/api/*', (c, next) => (c.req.path === '/api/public/reports' || c.req.path === '/api/imports' ? next() : apiBodyLimit(c, next)));

  app.use('/api/*', dbGate(breaker));
  app.use('/api/*', loadUser({ sql: deps.sql, now: deps.now, security }));
  app.use('/api/*', csrfProtection({ allowedOrigins: security.corsOrigins, trustProxy: security.trustProxy }));

  app.onError((err, c) => {
    if (isDatabaseDown(err)) breaker.recordFailure();
    const problem = toProblem(err);
    if (problem.status >= 500) deps.log.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return problemResponse(c, problem);
  });
  app.notFound((c) => problemResponse(c, new HttpProblem(404, `There is nothing at ${c.req.method} ${c.req.path}. See /api/docs for the API.`, { code: 'no-such-endpoint', extensions: { method: c.req.method, path: c.req.path } })));

  app.get('/healthz', guard.public(), (c) => c.json({ status: 'ok' }, 200));
  app.get('/readyz', guard.public(), async (c) => {
    if (!(await breaker.probe())) {
      throw databaseUnavailable(breaker.retryAfterS());
    }
    return c.json({ status: 'ready' }, 200);
  });

  app.route('/api', apiRoutes(deps));
  // The basemap: tiles, style, fonts and sprite (public, outside /api: no session, no CSRF).
  app.route('/', mapRoutes(deps, tiles, { trustProxy: security.trustProxy }));
  // Open311 GeoReport v2: its own body limit, rate limit and error format (server/routes/open311.ts).
  app.route('/open311/v2', open311Routes(deps));

  let openapi: Record<string, unknown> | undefined;
  const getOpenApi = () =>
    (openapi ??= buildOpenApi(app.routes, {
      title: 'Trygghetskartan',
      version: '0.1.0',
      description: 'Patrol-planning map for områdesteam: reports in H3 cells, districts, streets.',
    }));
  app.get('/api/openapi.json', guard.public(), (c) => c.json(getOpenApi(), 200));
  app.get('/api/docs', guard.public(), (c) => c.html(renderDocsPage(getOpenApi()), 200));
  app.get('/api/docs.css', guard.public(), (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.all('/api/*', (c) => problemResponse(c, new HttpProblem(404, `There is no API route ${c.req.method} ${c.req.path}. See /api/docs.`, { code: 'no-such-endpoint', extensions: { method: c.req.method, path: c.req.path } })));

  if (clientDir) {
    // The built client and its routes: precompressed, cached by kind, revalidated with ETags.
    // With an online basemap the app's own style is never read: its preload would be wasted.
    app.use('/*', serveClient(clientDir, { preloadAppStyle: deps.basemapStyleUrl === null }));
  }

  return app;
}

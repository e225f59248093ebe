// /api/routes: suggested patrol routes, legs along the walking network for drawing, saved routes
// (CRUD, duplicate), GPX 1.1 and GeoJSON export, GPX import.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { latLngToCell } from 'h3-js';
import { centroid as turfCentroid } from '@turf/turf';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { currentUser, guard, userCan } from '../http/guard.ts';
import { REPORT_RES } from '../domain/cells.ts';
import { GpxError, parseGpxRoute, routeToGpx } from '../domain/gpx.ts';
import { suggestRoutes } from '../domain/route-suggest.ts';
import { scheduleWaypoints, shiftInstants, toStockholmIso, walkingMin } from '../domain/route-schedule.ts';
import { haversineM } from '../domain/walk-graph.ts';
import type { LonLat } from '../domain/walk-router.ts';
import { listBases } from '../db/queries/districts.ts';
import { placeCacheOf } from '../place-cache.ts';
import { makeGraphCache, type DistrictGraph } from '../db/queries/route-graph.ts';
import { loadRouteRisk } from '../db/queries/route-risk.ts';
import { runningExperiments } from '../db/queries/experiments.ts';
import { experimentStops } from './experiment-stops.ts';
import { makeAreaDarkness } from './area-darkness.ts';
import { deleteRoute, getRoute, insertRoute, listRoutes, updateRoute, type NewPatrolRoute, type PatrolRouteRow, type RouteWaypoint } from '../db/queries/patrol-routes.ts';
import { ImportGpxQuery, PathBody, PathResponse, RouteBody, RouteDto, RouteIdParam, RouteList, RouteQuery, SuggestBody, SuggestResponse } from '../schemas/patrol-routes.ts';
import type { z } from 'zod';

type RouteInput = z.output<typeof RouteBody>;
const TAGS = ['routes'];
const GPX_BODY_LIMIT = 2 * 1024 * 1024;

/** Plain words for the hex-grid fallback (the client shows its own translation by `graph`). */
function graphNote(g: DistrictGraph): string | null {
  if (g.kind === 'streets') return null;
  return `Routes in ${g.name} follow the hex grid until a street network is imported (${g.streetKm.toFixed(1)} km of streets loaded for ${g.areaKm2.toFixed(1)} km²).`;
}

function toDto(r: PatrolRouteRow) {
  return { ...r, walkingMin: walkingMin(r.lengthM, r.speedKmh) };
}

export function patrolRoutes(deps: AppDeps) {
  const { sql } = deps;
  const graphs = makeGraphCache(sql);
  const darkness = makeAreaDarkness(deps.area);
  const places = placeCacheOf(deps);

  const districtGraph = async (id: string | null | undefined, at: LonLat | undefined, field: string): Promise<DistrictGraph | null> => {
    const districtId = id ?? (at ? (await deps.area.index()).locate(at[0], at[1]) : null);
    if (!districtId) return null;
    const g = await graphs.forDistrict(districtId);
    if (!g) throw new HttpProblem(422, `There is no district "${districtId}".`, { code: 'unknown-district', errors: [{ path: field, message: 'unknown district', code: 'unknown-district' }], extensions: { district: districtId } });
    return g;
  };

  /** Recomputes legs, geometry, stop cells and places and the schedule of a route to save. */
  const materialise = async (body: RouteInput, c: Context, source = body.source): Promise<Omit<NewPatrolRoute, 'id'>> => {
    const first = body.waypoints[0]!;
    const g = await districtGraph(body.district, [first.lon, first.lat], 'district');
    const pts = body.waypoints.map((w): LonLat => [w.lon, w.lat]);
    const legs = g ? pts.slice(1).map((p, i) => g.router.leg(pts[i]!, p, body.preferLit)) : [];
    const snapped = pts.map((p, i) => (g ? (i === 0 ? legs[0]?.from.point : legs[i - 1]?.to.point) ?? p : p));
    const coords: LonLat[] = [];
    const legLengths = pts.slice(1).map((p, i) => {
      const leg = legs[i];
      const line = leg ? leg.coords : [pts[i]!, p];
      for (const q of line) if (!coords.length || coords[coords.length - 1]![0] !== q[0] || coords[coords.length - 1]![1] !== q[1]) coords.push(q);
      return leg ? leg.lengthM : haversineM(pts[i]![0], pts[i]![1], p[0], p[1]);
    });
    if (coords.length === 1) coords.push(coords[0]!);
    const geometry = g || !body.geometry ? { type: 'LineString' as const, coordinates: coords } : body.geometry;
    const nameAt = await places.namer();
    const waypoints: RouteWaypoint[] = body.waypoints.map((w, i) => {
      const [lon, lat] = snapped[i]!;
      if (!w.stop) return { lon, lat, stop: false, dwellMin: 0 };
      return { lon, lat, stop: true, dwellMin: w.dwellMin || 12, cell: w.cell ?? latLngToCell(lat, lon, REPORT_RES), place: w.place ?? nameAt(lon, lat).sv };
    });
    const shift = shiftInstants(body.date, body.start, body.end);
    const times = scheduleWaypoints(shift.startMs, legLengths, waypoints.map((w) => w.dwellMin), body.speedKmh);
    const schedule = waypoints.flatMap((w, index) =>
      w.stop ? [{ index, cell: w.cell ?? null, place: w.place ?? null, arrival: toStockholmIso(times[index]!.arrivalMs), departure: toStockholmIso(times[index]!.departureMs) }] : [],
    );
    return {
      name: body.name, team: body.team ?? currentUser(c)?.team ?? null, district: g?.districtId ?? body.district ?? null,
      date: body.date, start: body.start, end: body.end, speedKmh: body.speedKmh, waypoints, geometry, schedule,
      lengthM: legLengths.reduce((a, b) => a + b, 0), graph: g?.kind ?? 'streets', source, createdBy: currentUser(c)?.id ?? null,
    };
  };

  /** A route the caller may see: one's own team's, or any with tracks:read-all / without a team. */
  const visible = (c: Context, r: PatrolRouteRow | null): PatrolRouteRow => {
    const u = currentUser(c);
    if (!r || (u?.team && !userCan(u, 'tracks:read-all') && r.team !== null && r.team !== u.team)) throw new HttpProblem(404, 'There is no such route.', { code: 'patrol-route-not-found' });
    return r;
  };

  const fetchVisible = async (c: Context, id: string) => visible(c, await getRoute(sql, id));

  const fileName = (r: PatrolRouteRow, ext: string) => `${r.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'rutt'}.${ext}`;

  return new Hono()
    .post(
      '/suggest',
      guard('routes:plan'),
      describe({ summary: 'Suggest patrol routes for a district and shift', description: 'Team orienteering over the riskiest cells at the hour of each visit; seeded.', tags: TAGS, responses: { 200: { description: 'One route per team', schema: SuggestResponse } } }),
      validate('json', SuggestBody),
      async (c) => {
        const b = c.req.valid('json');
        const g = await districtGraph(b.district, undefined, 'district');
        if (!g) throw new HttpProblem(422, `There is no district "${b.district}".`, { code: 'unknown-district', extensions: { district: b.district } });
        const bases = await listBases(sql);
        const chosen = b.base ? bases.find((x) => x.id === b.base) : bases.find((x) => x.districtId === g.districtId);
        if (b.base && !chosen) throw new HttpProblem(422, `There is no team base "${b.base}".`, { code: 'unknown-base', errors: [{ path: 'base', message: 'unknown base', code: 'unknown-base' }], extensions: { base: b.base } });
        const fallback = (await deps.area.index()).districts.find((d) => d.id === g.districtId);
        const centre = fallback ? (turfCentroid(fallback.geometry).geometry.coordinates as LonLat) : null;
        const basePoint: LonLat | null = b.startPoint ?? (chosen ? [chosen.lon, chosen.lat] : centre);
        if (!basePoint) throw new HttpProblem(422, 'No start point: give startPoint or load a team base for the district.', { code: 'no-start-point' });
        const shift = shiftInstants(b.date, b.start, b.end);
        const risk = await loadRouteRisk(sql, { districtId: g.districtId, untilMs: shift.startMs, afterDark: b.afterDark ? await darkness.calendar() : undefined });
        const nameAt = await places.namer();
        const running = await runningExperiments(sql, b.date);
        const stops = experimentStops(running, g.districtId);
        const result = suggestRoutes(b, { router: g.router, districtName: g.name, base: basePoint, cells: risk.cells, risk: risk.risk, nameAt: (p) => nameAt(p[0], p[1]).sv, experiment: stops?.stops });
        const noData = result.candidates === 0 ? `No reports in ${g.name} in the last ${risk.weeks} weeks: there are no stops to suggest.` : null;
        return c.json(
          {
            district: g.districtId, graph: g.kind, note: [graphNote(g), noData].filter(Boolean).join(' ') || null,
            base: { id: b.startPoint ? null : (chosen?.id ?? null), name: b.startPoint ? 'Startpunkt' : (chosen?.name ?? g.name), lon: basePoint[0], lat: basePoint[1] },
            candidates: result.candidates, routes: result.routes, experiment: stops?.dto ?? null,
          },
          200,
        );
      },
    )
    .post(
      '/path',
      guard('routes:plan'),
      describe({ summary: 'Walking legs between waypoints along the network', tags: TAGS, responses: { 200: { description: 'Leg geometries', schema: PathResponse } } }),
      validate('json', PathBody),
      async (c) => {
        const b = c.req.valid('json');
        const g = await districtGraph(b.district, b.waypoints[0], 'district');
        if (!g) throw new HttpProblem(422, 'The first waypoint is outside every district: give a district.', { code: 'waypoint-outside-area', errors: [{ path: 'waypoints.0', message: 'outside every district', code: 'waypoint-outside-area' }] });
        const legs = b.waypoints.slice(1).map((p, i) => g.router.leg(b.waypoints[i]!, p, b.preferLit));
        if (legs.some((l) => l === null)) throw new HttpProblem(422, `${g.name} has no walking graph to route on.`, { code: 'no-walking-graph', extensions: { district: g.name } });
        const ok = legs as NonNullable<(typeof legs)[number]>[];
        return c.json(
          {
            district: g.districtId, graph: g.kind, note: graphNote(g),
            waypoints: [ok[0]!.from.point, ...ok.map((l) => l.to.point)],
            legs: ok.map((l) => ({ coordinates: l.coords, lengthM: l.lengthM })),
            lengthM: ok.reduce((a, l) => a + l.lengthM, 0),
          },
          200,
        );
      },
    )
    .post(
      '/import-gpx',
      guard('routes:plan'),
      describe({ summary: 'Import a GPX route as a saved route', tags: TAGS, requestBody: { contentType: 'application/gpx+xml', description: 'A GPX 1.1 (or 1.0) file with a <rte> or a <trk>' }, responses: { 201: { description: 'The saved route', schema: RouteDto } } }),
      validate('query', ImportGpxQuery),
      async (c) => {
        const q = c.req.valid('query');
        const text = await c.req.text();
        if (text.length > GPX_BODY_LIMIT) throw new HttpProblem(413, 'The GPX file is larger than 2 MiB.', { code: 'body-too-large', extensions: { limitBytes: GPX_BODY_LIMIT } });
        let parsed;
        try {
          parsed = parseGpxRoute(text);
        } catch (err) {
          if (err instanceof GpxError) throw new HttpProblem(422, `The GPX file cannot be read: ${err.message}.`, { code: 'gpx-invalid' });
          throw err;
        }
        const today = toStockholmIso(deps.now()).slice(0, 10);
        const body = RouteBody.parse({
          name: q.name ?? parsed.name ?? 'Importerad rutt', team: q.team ?? null, district: q.district ?? null,
          date: q.date ?? today, start: q.start ?? '18:00', end: q.end ?? '23:00', source: 'imported',
          waypoints: parsed.waypoints.slice(0, 200).map((w) => ({ lon: w.lon, lat: w.lat, stop: w.stop, dwellMin: w.dwellMin, place: w.name })),
          geometry: { type: 'LineString', coordinates: parsed.line.slice(0, 20000) },
        });
        const row = await insertRoute(sql, { id: deps.newId(), ...(await materialise(body, c, 'imported')) }, deps.now());
        return c.json(toDto(row), 201);
      },
    )
    .get('/', guard('routes:read'), describe({ summary: 'Saved patrol routes', tags: TAGS, responses: { 200: { description: 'Routes, newest date first', schema: RouteList } } }), validate('query', RouteQuery), async (c) => {
      const q = c.req.valid('query');
      const u = currentUser(c);
      const team = u?.team && !userCan(u, 'tracks:read-all') ? u.team : q.team;
      const rows = (await listRoutes(sql, { ...q, team: undefined })).filter((r) => team === undefined || r.team === team || (r.team === null && !q.team));
      return c.json({ routes: rows.map(toDto) }, 200);
    })
    .post('/', guard('routes:plan'), describe({ summary: 'Save a patrol route', tags: TAGS, responses: { 201: { description: 'The saved route', schema: RouteDto } } }), validate('json', RouteBody), async (c) => {
      const row = await insertRoute(sql, { id: deps.newId(), ...(await materialise(c.req.valid('json'), c)) }, deps.now());
      return c.json(toDto(row), 201);
    })
    .get('/:file{[0-9a-fA-F-]{36}\\.gpx}', guard('routes:read'), describe({ summary: 'A saved route as GPX 1.1', tags: TAGS, responses: { 200: { description: 'GPX 1.1: a route, a waypoint per stop and the walking line as a track', contentType: 'application/gpx+xml' } } }), async (c) => {
      const r = await fetchVisible(c, c.req.param('file').slice(0, 36));
      const gpx = routeToGpx({
        name: r.name, description: `${r.date} ${r.start}–${r.end}${r.team ? `, ${r.team}` : ''}`, createdAt: r.createdAt,
        waypoints: r.waypoints.map((w) => ({ lon: w.lon, lat: w.lat, stop: w.stop, dwellMin: w.dwellMin, name: w.place ?? null })),
        stops: r.schedule.map((s) => ({ lon: r.waypoints[s.index]!.lon, lat: r.waypoints[s.index]!.lat, name: s.place ?? 'Stopp', arrival: s.arrival, dwellMin: r.waypoints[s.index]!.dwellMin })),
        line: (r.geometry?.coordinates ?? []) as [number, number][],
      });
      return c.body(gpx, 200, { 'Content-Type': 'application/gpx+xml; charset=utf-8', 'Content-Disposition': `attachment; filename="${encodeURIComponent(fileName(r, 'gpx'))}"` });
    })
    .get('/:file{[0-9a-fA-F-]{36}\\.geojson}', guard('routes:read'), describe({ summary: 'A saved route as GeoJSON', tags: TAGS, responses: { 200: { description: 'FeatureCollection: the line and a point per stop', contentType: 'application/geo+json' } } }), async (c) => {
      const r = await fetchVisible(c, c.req.param('file').slice(0, 36));
      const body = {
        type: 'FeatureCollection' as const,
        features: [
          { type: 'Feature' as const, geometry: r.geometry, properties: { kind: 'route', id: r.id, name: r.name, team: r.team, district: r.district, date: r.date, start: r.start, end: r.end, lengthM: Math.round(r.lengthM) } },
          ...r.schedule.map((s, i) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [r.waypoints[s.index]!.lon, r.waypoints[s.index]!.lat] }, properties: { kind: 'stop', number: i + 1, cell: s.cell, place: s.place, arrival: s.arrival, departure: s.departure, dwellMin: r.waypoints[s.index]!.dwellMin } })),
        ],
      };
      return c.body(JSON.stringify(body), 200, { 'Content-Type': 'application/geo+json; charset=utf-8', 'Content-Disposition': `attachment; filename="${encodeURIComponent(fileName(r, 'geojson'))}"` });
    })
    .get('/:id', guard('routes:read'), describe({ summary: 'One saved route', tags: TAGS, responses: { 200: { description: 'The route', schema: RouteDto } } }), validate('param', RouteIdParam), async (c) => {
      return c.json(toDto(await fetchVisible(c, c.req.valid('param').id)), 200);
    })
    .put('/:id', guard('routes:plan'), describe({ summary: 'Replace a saved route', tags: TAGS, responses: { 200: { description: 'The route', schema: RouteDto } } }), validate('param', RouteIdParam), validate('json', RouteBody), async (c) => {
      const { id } = c.req.valid('param');
      await fetchVisible(c, id);
      const { createdBy: _createdBy, ...rest } = await materialise(c.req.valid('json'), c);
      const row = await updateRoute(sql, id, rest, deps.now());
      if (!row) throw new HttpProblem(404, 'There is no such route.', { code: 'patrol-route-not-found' });
      return c.json(toDto(row), 200);
    })
    .post('/:id/duplicate', guard('routes:plan'), describe({ summary: 'Copy a saved route', tags: TAGS, responses: { 201: { description: 'The copy', schema: RouteDto } } }), validate('param', RouteIdParam), async (c) => {
      const r = await fetchVisible(c, c.req.valid('param').id);
      const { createdAt: _a, updatedAt: _u, ...rest } = r;
      const row = await insertRoute(sql, { ...rest, id: deps.newId(), name: `${r.name} (kopia)`, createdBy: currentUser(c)?.id ?? null }, deps.now());
      return c.json(toDto(row), 201);
    })
    .delete('/:id', guard('routes:plan'), describe({ summary: 'Delete a saved route', tags: TAGS, responses: { 204: { description: 'Deleted' } } }), validate('param', RouteIdParam), async (c) => {
      const { id } = c.req.valid('param');
      await fetchVisible(c, id);
      await deleteRoute(sql, id);
      return c.body(null, 204);
    });
}

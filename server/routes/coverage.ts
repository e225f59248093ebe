// /api/coverage, /api/gaps, /api/gaps/alerts, /api/fairness, /api/coverage/routes/:id: where the
// teams were against where they were needed (analytics:read).
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { guard } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { AlertsQuery, AlertsResponse, CoverageQuery, CoverageResponse, FairnessQuery, FairnessResponse, GapsQuery, GapsResponse, PlanActualResponse, RouteIdParam } from '../schemas/tracks.ts';
import { toHeatFilter } from '../schemas/analytics.ts';
import { makeAreaDarkness } from './area-darkness.ts';
import { makeWeekMask } from '../domain/hour-of-week.ts';
import { specialDayMap, type HeatFilter } from '../domain/heat-filter.ts';
import { localHourOf } from '../domain/track-buckets.ts';
import { rankGaps } from '../domain/track-gaps.ts';
import { tonightAlerts } from '../domain/track-alerts.ts';
import { makePlaceNamer } from '../domain/track-places.ts';
import { comparePlan } from '../domain/track-plan.ts';
import { cleanTrack } from '../domain/track-clean.ts';
import { computeVisits } from '../domain/presence.ts';
import { parseLocalDate } from '../domain/stockholm-time.ts';
import { isCell, reportCell } from '../domain/cells.ts';
import { placeCacheOf } from '../place-cache.ts';
import { readPoints, getTrack } from '../db/queries/tracks.ts';
import { coverageCells, fairnessRows, lastVisits, needByHour, presenceByHour, routeForPlan, teamTrackIds } from '../db/queries/coverage.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const round2 = (x: number) => Math.round(x * 100) / 100;

export function coverageRoutes(deps: AppDeps) {
  const { sql } = deps;
  const today = () => localHourOf(Math.floor(deps.now() / HOUR_MS) * HOUR_MS).localDate;
  const darkness = makeAreaDarkness(deps.area);
  const places = placeCacheOf(deps);
  const placeNamer = async () => makePlaceNamer(await places.namer());

  return new Hono()
    .get(
      '/coverage',
      describe({ summary: 'Presence minutes per cell', description: 'Minutes the teams spent in each H3 res-10 cell for the dates, days, hours, districts and teams chosen (Europe/Stockholm hours).', tags: ['coverage'], responses: { 200: { description: 'Presence per cell', schema: CoverageResponse } } }),
      guard('analytics:read'),
      validate('query', CoverageQuery),
      async (c) => {
        const q = c.req.valid('query');
        const to = q.to ?? today();
        const from = q.from ?? addDays(to, -27);
        if (from > to) throw new HttpProblem(400, 'from must not be after to.', { code: 'date-range-reversed', errors: [{ path: 'from', message: 'after to', code: 'date-range-reversed' }] });
        const cells = await coverageCells(sql, { fromDate: from, toDate: to, mask: makeWeekMask(q), districts: q.districts, teams: q.teams });
        return c.json({ from, to, totalMinutes: round2(cells.reduce((s, x) => s + x.minutes, 0)), cells }, 200);
      },
    )
    .get(
      '/gaps',
      describe({
        summary: 'Cells ranked by need against presence',
        description: "Need is the cells' report weight in the chosen hours (the heat-map aggregate); presence the teams' minutes there. Ranked by need share − presence share, each with its hot band and a sentence in Swedish and English.",
        tags: ['coverage'],
        responses: { 200: { description: 'Gap list', schema: GapsResponse } },
      }),
      guard('analytics:read'),
      validate('query', GapsQuery),
      async (c) => {
        const q = c.req.valid('query');
        const now = today();
        const f = toHeatFilter({ ...q, res: 10 }, now, await darkness.calendar());
        f.toDate ??= now;
        f.fromDate ??= addDays(f.toDate, -7 * q.needWeeks + 1);
        const presenceTo = now;
        const presenceFrom = addDays(now, -7 * q.weeks + 1);
        const special = f.holidaysAsWeekend ? specialDayMap(f, f.fromDate, f.toDate) : new Map();
        const [need, presence, placeOf] = await Promise.all([
          needByHour(sql, f, special),
          presenceByHour(sql, { fromDate: presenceFrom, toDate: presenceTo, mask: f.mask, districts: q.districts }),
          placeNamer(),
        ]);
        const cells = rankGaps(need, presence, { weeks: q.weeks, placeOf, limit: q.limit }).map((g) => ({
          ...g,
          need: round2(g.need),
          needShare: round2(g.needShare * 100) / 100,
          presenceMin: round2(g.presenceMin),
          presenceShare: round2(g.presenceShare * 100) / 100,
          bandPresenceMin: round2(g.bandPresenceMin),
          gap: round2(g.gap * 100) / 100,
        }));
        return c.json({ presenceFrom, presenceTo, needFrom: f.fromDate, needTo: f.toDate, cells }, 200);
      },
    )
    .get(
      '/gaps/alerts',
      describe({
        summary: "Tonight's watch list",
        description: 'The top cells by need whose hot band falls on today: overdue when not visited within revisitMin (default 2 h) during the band, due when not yet visited in it, upcoming before it, ok when visited.',
        tags: ['coverage'],
        responses: { 200: { description: 'Alerts, most urgent first', schema: AlertsResponse } },
      }),
      guard('analytics:read'),
      validate('query', AlertsQuery),
      async (c) => {
        const q = c.req.valid('query');
        const nowMs = deps.now();
        const hourStartMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
        const { localDate, hourOfWeek } = localHourOf(hourStartMs);
        const f: HeatFilter = { res: 10, fromDate: addDays(localDate, -7 * q.needWeeks + 1), toDate: localDate, mask: makeWeekMask({}), districts: q.districts, holidaysAsWeekend: false, refDate: localDate };
        const [need, placeOf] = await Promise.all([needByHour(sql, f, new Map()), placeNamer()]);
        const top = rankGaps(need, [], { weeks: 1, placeOf, limit: q.top });
        const last = await lastVisits(sql, top.map((t) => t.cell), addDays(localDate, -1));
        const alerts = tonightAlerts(
          top.map((t) => ({ cell: t.cell, band: t.band, place: t.place, lastVisitMs: last.get(t.cell) ?? null })),
          { nowMs, nowHow: hourOfWeek, hourStartMs },
          q.revisitMin,
        );
        return c.json(
          {
            now: new Date(nowMs).toISOString(),
            alerts: alerts.map((a) => ({
              cell: a.cell,
              status: a.status,
              band: a.band,
              bandStart: new Date(a.bandStartMs).toISOString(),
              bandEnd: new Date(a.bandEndMs).toISOString(),
              lastVisitAt: a.lastVisitMs === null ? null : new Date(a.lastVisitMs).toISOString(),
              minutesSinceVisit: a.minutesSinceVisit,
              text: a.text,
            })),
          },
          200,
        );
      },
    )
    .get(
      '/fairness',
      describe({
        summary: 'Reports per patrol-hour',
        description: 'Per cell: patrol hours, reports discovered on patrol and all other reports (residents, partners, police), each per patrol-hour — so patrols can see whether they only find what they go looking for.',
        tags: ['coverage'],
        responses: { 200: { description: 'Per cell', schema: FairnessResponse } },
      }),
      guard('analytics:read'),
      validate('query', FairnessQuery),
      async (c) => {
        const q = c.req.valid('query');
        const to = q.to ?? today();
        const from = q.from ?? addDays(to, -55);
        if (from > to) throw new HttpProblem(400, 'from must not be after to.', { code: 'date-range-reversed', errors: [{ path: 'from', message: 'after to', code: 'date-range-reversed' }] });
        const rows = await fairnessRows(sql, { fromDate: from, toDate: to, fromMs: parseLocalDate(from), toMs: parseLocalDate(to, true), districts: q.districts });
        const cells = rows.map((r) => {
          const hours = r.patrolMinutes / 60;
          return {
            cell: r.cell,
            patrolHours: round2(hours),
            patrolReports: r.patrolReports,
            otherReports: r.otherReports,
            patrolReportsPerHour: hours > 0 ? round2(r.patrolReports / hours) : null,
            otherReportsPerHour: hours > 0 ? round2(r.otherReports / hours) : null,
          };
        });
        cells.sort((a, b) => b.patrolHours - a.patrolHours || b.otherReports - a.otherReports || a.cell.localeCompare(b.cell));
        return c.json({ from, to, cells }, 200);
      },
    )
    .get(
      '/coverage/routes/:id',
      describe({
        summary: 'Plan against actual for a saved route',
        description: "For each planned stop: reached or not by the route's team during its shift, arrival against the plan, and whether the dwell (≥ 10 min) was kept.",
        tags: ['coverage'],
        responses: { 200: { description: 'Stops', schema: PlanActualResponse }, 404: { description: 'No such route' } },
      }),
      guard('analytics:read'),
      validate('param', RouteIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const route = await routeForPlan(sql, id);
        if (!route) throw new HttpProblem(404, `No saved route has id ${id}.`, { code: 'patrol-route-not-found' });
        const [sh, sm] = route.shiftStart.split(':').map(Number) as [number, number];
        const [eh, em] = route.shiftEnd.split(':').map(Number) as [number, number];
        const startMs = parseLocalDate(route.date) + (sh * 60 + sm) * 60_000;
        let endMs = parseLocalDate(route.date) + (eh * 60 + em) * 60_000;
        if (endMs <= startMs) endMs += DAY_MS;
        const windowMs: [number, number] = [startMs - HOUR_MS, endMs + HOUR_MS];
        const ids = route.team ? await teamTrackIds(sql, route.team, new Date(windowMs[0]), new Date(windowMs[1])) : [];
        const visits = [];
        let reduced = 0;
        for (const tid of ids) {
          const t = await getTrack(sql, tid);
          if (t?.reducedAt) reduced++;
          visits.push(...computeVisits(cleanTrack(await readPoints(sql, tid)).points));
        }
        visits.sort((a, b) => a.startMs - b.startMs);
        const stopWaypoints = route.waypoints.filter((w) => w.stop);
        const stops = route.schedule.length
          ? route.schedule.map((s, i) => ({
              index: s.index,
              cell: s.cell && isCell(s.cell) ? s.cell : reportCell(stopWaypoints[i]?.lat ?? 0, stopWaypoints[i]?.lon ?? 0),
              place: s.place,
              arrivalMs: Date.parse(s.arrival),
              dwellMin: (Date.parse(s.departure) - Date.parse(s.arrival)) / 60_000,
            }))
          : stopWaypoints.map((w, i) => ({ index: i, cell: w.cell && isCell(w.cell) ? w.cell : reportCell(w.lat, w.lon), place: w.place ?? null, arrivalMs: null, dwellMin: w.dwellMin ?? null }));
        const outcome = comparePlan(stops, visits, { windowMs });
        return c.json(
          {
            routeId: id,
            name: route.name,
            team: route.team,
            tracks: ids.length,
            reducedTracks: reduced,
            stops: outcome.map((o) => ({
              index: o.index,
              cell: o.cell,
              place: o.place,
              reached: o.reached,
              plannedArrival: o.plannedArrivalMs === null ? null : new Date(o.plannedArrivalMs).toISOString(),
              actualArrival: o.actualArrivalMs === null ? null : new Date(o.actualArrivalMs).toISOString(),
              lateMin: o.lateMin,
              dwellMin: o.dwellMin,
              dwellKept: o.dwellKept,
            })),
          },
          200,
        );
      },
    );
}

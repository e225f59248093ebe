// /api/experiments: the chief sets up a randomised patrol-dosage experiment (assignment blocked by
// district from a seed, power by simulation); team leaders and the chief read the assignment,
// the compliance (planned vs GPS-delivered dose) and, once there is data, the analysis.
import { Hono } from 'hono';
import { cellToLatLng, getResolution, gridDisk } from 'h3-js';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { currentUser, guard } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { localHour } from '../domain/aoristic.ts';
import { dateOf, dayNo } from '../domain/stats/evaluation-periods.ts';
import { assignBlocked, doseResponse, experimentWdq, ittEffect, randomisationP, simulatePower, type CellOutcome } from '../domain/stats/experiment.ts';
import { compliance } from '../domain/experiment-compliance.ts';
import { cellDayHours } from '../db/queries/cell-weeks.ts';
import { deliveredMinutes, districtsOfCells, getExperiment, insertExperiment, listExperiments, type ExperimentRow } from '../db/queries/experiments.ts';
import { AnalysisQuery, AnalysisResponse, ComplianceResponse, ExperimentBody, ExperimentDto, ExperimentIdParam, ExperimentList } from '../schemas/experiments.ts';

const TAGS = ['experiments'];
/** Weeks of history the power simulation takes each cell's base rate from. */
const BASE_RATE_WEEKS = 12;
const POWER_SIMULATIONS = 200;

const notFound = () => new HttpProblem(404, 'There is no such experiment.', { code: 'experiment-not-found' });
const hourOf = (hhmm: string) => Number(hhmm.slice(0, 2));

export function experimentRoutes(deps: AppDeps) {
  const { sql } = deps;
  const today = () => localHour(deps.now()).localDate;
  const lastEvening = (e: ExperimentRow) => dateOf(dayNo(e.start) + e.weeks * 7 - 1);
  const toDto = (e: ExperimentRow) => ({ ...e, end: lastEvening(e), status: e.start > today() ? 'planned' : lastEvening(e) < today() ? 'ended' : 'running' });
  const fetch = async (id: string) => {
    const e = await getExperiment(sql, id);
    if (!e) throw notFound();
    return e;
  };
  /** Report counts per cell over [from, to). */
  const countsPerCell = async (cells: readonly string[], from: string, to: string) => {
    const m = new Map<string, number>();
    for (const r of await cellDayHours(sql, cells, from, to)) m.set(r.cell, (m.get(r.cell) ?? 0) + r.count);
    return m;
  };

  return new Hono()
    .post(
      '/',
      guard('experiments:admin'),
      describe({
        summary: 'Set up a patrol-dosage experiment',
        description: 'Randomises the cells into treatment and control, blocked by district, from the seed (same seed, same assignment), and estimates the power to detect 20, 30 and 40 % reductions by simulation from each cell’s report rate over the 12 weeks before the start.',
        tags: TAGS,
        responses: { 201: { description: 'The experiment with its assignment and power', schema: ExperimentDto } },
      }),
      validate('json', ExperimentBody),
      async (c) => {
        const b = c.req.valid('json');
        const index = await deps.area.index();
        for (const cell of b.cells) {
          if (getResolution(cell) !== 10) throw new HttpProblem(422, `The cell ${cell} is not at resolution 10.`, { errors: [{ path: 'cells', message: 'resolution must be 10' }], code: 'cell-resolution' });
        }
        // A cell's block is the district of its centre, or (a cell on the boundary) the district most of its reports were filed in.
        const byReports = await districtsOfCells(sql, b.cells);
        const located = b.cells.map((cell) => {
          const [lat, lon] = cellToLatLng(cell);
          const district = index.locate(lon, lat, cell) ?? byReports.get(cell);
          if (!district) throw new HttpProblem(422, `The cell ${cell} lies outside every district.`, { errors: [{ path: 'cells', message: 'outside every district' }], code: 'cell-outside-districts' });
          return { cell, district };
        });
        const history = await countsPerCell(b.cells, dateOf(dayNo(b.start) - BASE_RATE_WEEKS * 7), b.start);
        const rates = new Map(b.cells.map((cell) => [cell, (history.get(cell) ?? 0) / BASE_RATE_WEEKS]));
        const row = await insertExperiment(sql, {
          id: deps.newId(), name: b.name, cells: b.cells, assignment: assignBlocked(located, b.seed), weeks: b.weeks, start: b.start,
          visitsPerEvening: b.visitsPerEvening, visitMin: b.visitMin, eveningStart: b.eveningStart, eveningEnd: b.eveningEnd, seed: b.seed,
          power: simulatePower(located, rates, b.weeks, b.seed, POWER_SIMULATIONS), createdBy: currentUser(c)?.id ?? null,
        });
        c.header('Location', `/api/experiments/${row.id}`);
        return c.json(toDto(row), 201);
      },
    )
    .get(
      '/',
      guard('experiments:read'),
      describe({ summary: 'List experiments', tags: TAGS, responses: { 200: { description: 'Experiments, newest start first', schema: ExperimentList } } }),
      async (c) => c.json({ experiments: (await listExperiments(sql)).map(toDto) }, 200),
    )
    .get(
      '/:id',
      guard('experiments:read'),
      describe({ summary: 'One experiment with its assignment', tags: TAGS, responses: { 200: { description: 'The experiment', schema: ExperimentDto } } }),
      validate('param', ExperimentIdParam),
      async (c) => c.json(toDto(await fetch(c.req.valid('param').id)), 200),
    )
    .get(
      '/:id/compliance',
      guard('experiments:read'),
      describe({ summary: 'Planned vs delivered dose', description: 'Per cell and evening: GPS presence minutes (track_presence) inside the evening hours against visits × minutes for treatment cells; presence in control cells is reported as contamination.', tags: TAGS, responses: { 200: { description: 'Compliance', schema: ComplianceResponse } } }),
      validate('param', ExperimentIdParam),
      async (c) => {
        const e = await fetch(c.req.valid('param').id);
        const last = Math.min(dayNo(lastEvening(e)), dayNo(today()));
        const evenings = Array.from({ length: Math.max(0, last - dayNo(e.start) + 1) }, (_, i) => dateOf(dayNo(e.start) + i));
        const delivered = evenings.length ? await deliveredMinutes(sql, e.cells, e.start, dateOf(last + 2)) : [];
        const r = compliance({ assignment: e.assignment, evenings, startHour: hourOf(e.eveningStart), endHour: hourOf(e.eveningEnd), plannedMin: e.visitsPerEvening * e.visitMin, delivered });
        return c.json({ evenings, ...r }, 200);
      },
    )
    .get(
      '/:id/analysis',
      guard('experiments:read'),
      describe({
        summary: 'Analysis of an experiment',
        description: 'Over the days elapsed (at most the experiment’s length) against as many days before the start: intention-to-treat rate ratio with a 95 % interval (Poisson, or negative binomial when over-dispersed, with district blocks and the pre-period count), a randomisation-inference p-value, the dose–response by delivered minutes and displacement to the rings around the treatment cells (WDQ). 409 until a whole week has passed.',
        tags: TAGS,
        responses: { 200: { description: 'The analysis', schema: AnalysisResponse } },
      }),
      validate('param', ExperimentIdParam),
      validate('query', AnalysisQuery),
      async (c) => {
        const q = c.req.valid('query');
        const e = await fetch(c.req.valid('param').id);
        const end = Math.min(dayNo(e.start) + e.weeks * 7, dayNo(today()));
        const days = end - dayNo(e.start);
        if (days < 7) throw new HttpProblem(409, `The experiment has run ${Math.max(0, days)} whole days; the analysis needs at least a week of data.`, { code: 'experiment-no-data' });
        const before = dateOf(dayNo(e.start) - days);
        const treated = e.assignment.filter((a) => a.arm === 'treatment').map((a) => a.cell);
        const inExperiment = new Set(e.cells);
        const buffer = [...new Set(treated.flatMap((cell) => gridDisk(cell, q.bufferRings)))].filter((cell) => !inExperiment.has(cell));
        const [pre, post, bufPre, bufPost, presence] = await Promise.all([
          countsPerCell(e.cells, before, e.start), countsPerCell(e.cells, e.start, dateOf(end)),
          countsPerCell(buffer, before, e.start), countsPerCell(buffer, e.start, dateOf(end)),
          deliveredMinutes(sql, e.cells, e.start, dateOf(end + 1)),
        ]);
        const evening = compliance({ assignment: e.assignment, evenings: Array.from({ length: days }, (_, i) => dateOf(dayNo(e.start) + i)), startHour: hourOf(e.eveningStart), endHour: hourOf(e.eveningEnd), plannedMin: e.visitsPerEvening * e.visitMin, delivered: presence });
        const minutes = new Map(evening.cells.map((x) => [x.cell, x.totalMin]));
        const rows: CellOutcome[] = e.assignment.map((a) => ({ ...a, pre: pre.get(a.cell) ?? 0, post: post.get(a.cell) ?? 0, deliveredMin: minutes.get(a.cell) ?? 0 }));
        const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
        const arm = (which: 'treatment' | 'control') => rows.filter((r) => r.arm === which).reduce((s, r) => ({ before: s.before + r.pre, after: s.after + r.post }), { before: 0, after: 0 });
        const bufferCounts = { before: sum(bufPre), after: sum(bufPost) };
        return c.json(
          {
            id: e.id, days, counts: { treatment: arm('treatment'), control: arm('control'), buffer: bufferCounts },
            itt: ittEffect(rows), randomisationP: randomisationP(rows, q.draws, e.seed), doseResponse: doseResponse(rows, days),
            displacement: experimentWdq(rows, bufferCounts), bufferRings: q.bufferRings,
          },
          200,
        );
      },
    );
}

// /api/interventions: the intervention log (create, list, read, edit, close) and the
// before/after evaluation of one intervention against matched comparison cells.
import { Hono } from 'hono';
import { gridDisk } from 'h3-js';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { currentUser, guard } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { localHour } from '../domain/aoristic.ts';
import { areaCells } from '../domain/area-cells.ts';
import { cellsCentre, whereToCells } from '../domain/intervention-area.ts';
import { evaluationPeriods } from '../domain/stats/evaluation-periods.ts';
import { evaluateIntervention } from '../domain/stats/evaluation.ts';
import { placeCacheOf } from '../place-cache.ts';
import { cellDayHours, firstDataDate, toCellWeeks } from '../db/queries/cell-weeks.ts';
import { closeIntervention, getIntervention, insertIntervention, listInterventions, updateIntervention, type InterventionRow, type NewIntervention } from '../db/queries/interventions.ts';
import {
  CloseBody, EvaluationQuery, EvaluationResponse, InterventionBody, InterventionDto, InterventionIdParam, InterventionList, InterventionListQuery, type InterventionInput,
} from '../schemas/interventions.ts';
import { makeAreaDarkness } from './area-darkness.ts';

const TAGS = ['interventions'];
const notFound = () => new HttpProblem(404, 'There is no such intervention.', { code: 'intervention-not-found' });

export function interventionRoutes(deps: AppDeps) {
  const { sql } = deps;
  const darkness = makeAreaDarkness(deps.area);
  const today = () => localHour(deps.now()).localDate;

  const status = (r: InterventionRow) => (r.start > today() ? 'planned' : r.end && r.end < today() ? 'ended' : 'running');
  const toDto = (r: InterventionRow) => ({ ...r, status: status(r) });

  /** The stored form of a request body: cells, centre, districts and a place name. */
  const resolve = async (b: InterventionInput): Promise<Omit<NewIntervention, 'id' | 'createdBy'>> => {
    if (b.actionId && (await sql`select 1 from est_actions where id = ${b.actionId}`).length === 0) {
      throw new HttpProblem(422, `There is no lägesbild action ${b.actionId}.`, {
        code: 'unknown-action',
        errors: [{ path: 'actionId', message: 'no such lägesbild action', code: 'unknown-action', params: { actionId: b.actionId } }],
        extensions: { actionId: b.actionId },
      });
    }
    const cells = whereToCells(b.where);
    const centre = cellsCentre(cells);
    const index = await deps.area.index();
    const districts = [...new Set(cells.map((c) => locateCell(index, c)).filter((d): d is string => d !== null))].sort();
    const placeName = b.where.type === 'place' && b.where.name ? b.where.name : (await placeCacheOf(deps).namer())(centre.lon, centre.lat).sv;
    return {
      kind: b.kind, title: b.title, whereKind: b.where.type, cells, geometry: b.where.type === 'polygon' ? b.where.polygon : null,
      placeName, lat: centre.lat, lon: centre.lon, districts, start: b.start, end: b.end ?? null, organisation: b.organisation,
      cost: b.cost ?? null, notes: b.notes, actionId: b.actionId ?? null, controlCells: b.controlCells ?? null, weeks: b.weeks, bufferRings: b.bufferRings,
    };
  };

  const fetch = async (id: string) => {
    const r = await getIntervention(sql, id);
    if (!r) throw notFound();
    return r;
  };

  return new Hono()
    .post(
      '/',
      guard('interventions:write'),
      describe({ summary: 'Log an intervention', description: 'Kind, title, where (H3 cells, a drawn polygon or a place), start, optional end, organisation, cost, notes, the lägesbild action it answers (actionId), and optionally the comparison cells and period length for its evaluation.', tags: TAGS, responses: { 201: { description: 'The stored intervention', schema: InterventionDto } } }),
      validate('json', InterventionBody),
      async (c) => {
        const row = await insertIntervention(sql, { id: deps.newId(), createdBy: currentUser(c)?.id ?? null, ...(await resolve(c.req.valid('json'))) });
        c.header('Location', `/api/interventions/${row.id}`);
        return c.json(toDto(row), 201);
      },
    )
    .get(
      '/',
      guard('analytics:read'),
      describe({ summary: 'List interventions', description: 'Newest start first; filter by kind, district or lägesbild action.', tags: TAGS, responses: { 200: { description: 'The log', schema: InterventionList } } }),
      validate('query', InterventionListQuery),
      async (c) => c.json({ interventions: (await listInterventions(sql, c.req.valid('query'))).map(toDto) }, 200),
    )
    .get(
      '/:id',
      guard('analytics:read'),
      describe({ summary: 'One intervention', tags: TAGS, responses: { 200: { description: 'The intervention', schema: InterventionDto } } }),
      validate('param', InterventionIdParam),
      async (c) => c.json(toDto(await fetch(c.req.valid('param').id)), 200),
    )
    .put(
      '/:id',
      guard('interventions:write'),
      describe({ summary: 'Edit an intervention', description: 'Replaces every field (the same body as POST).', tags: TAGS, responses: { 200: { description: 'The stored intervention', schema: InterventionDto } } }),
      validate('param', InterventionIdParam),
      validate('json', InterventionBody),
      async (c) => {
        const row = await updateIntervention(sql, c.req.valid('param').id, await resolve(c.req.valid('json')), new Date(deps.now()).toISOString());
        if (!row) throw notFound();
        return c.json(toDto(row), 200);
      },
    )
    .post(
      '/:id/close',
      guard('interventions:write'),
      describe({ summary: 'Close an intervention', description: 'Sets its end date (default today; never before its start) and marks it closed.', tags: TAGS, responses: { 200: { description: 'The closed intervention', schema: InterventionDto } } }),
      validate('param', InterventionIdParam),
      validate('json', CloseBody),
      async (c) => {
        const row = await closeIntervention(sql, c.req.valid('param').id, c.req.valid('json').end ?? today(), new Date(deps.now()).toISOString());
        if (!row) throw notFound();
        return c.json(toDto(row), 200);
      },
    )
    .get(
      '/:id/evaluation',
      guard('analytics:read'),
      describe({
        summary: 'Before/after evaluation of an intervention',
        description:
          'Equal whole-week periods before and after the start (only weeks with data, the after period ending at the last complete week or the end date); target, buffer (k rings) and control (matched on the pre-period level and trend in the same districts outside target and buffer, or chosen by hand); WDD (Wheeler & Ratcliffe) with and without the buffer, WDQ (Bowers & Johnson), the rate ratio of a Poisson/negative-binomial difference-in-differences on weekly counts, a placebo p-value from pseudo-target areas of the same size, a plain-Swedish verdict and the weekly series. Lighting: the dark/daylight design.',
        tags: TAGS,
        responses: { 200: { description: 'The evaluation', schema: EvaluationResponse } },
      }),
      validate('param', InterventionIdParam),
      validate('query', EvaluationQuery),
      async (c) => {
        const q = c.req.valid('query');
        const iv = await fetch(c.req.valid('param').id);
        const weeksRequested = q.weeks ?? iv.weeks;
        const bufferRings = q.bufferRings ?? iv.bufferRings;
        const periods = evaluationPeriods({ start: iv.start, end: iv.end, weeks: weeksRequested, dataFirst: await firstDataDate(sql), today: today() });
        const index = await deps.area.index();
        const districtCells = areaCells(index.districts.filter((d) => iv.districts.includes(d.id)), 10);
        const universe = [...new Set([...districtCells, ...iv.cells.flatMap((x) => gridDisk(x, bufferRings)), ...(iv.controlCells ?? [])])].sort();
        const lighting = iv.kind === 'lighting';
        const rows = periods.weeks ? await cellDayHours(sql, universe, periods.from, periods.to) : [];
        const data = toCellWeeks(universe, periods.weekStarts, rows, lighting ? await darkness.calendar() : undefined);
        const e = evaluateIntervention(data, {
          target: iv.cells, bufferRings, controlCells: iv.controlCells ?? undefined, controlPool: districtCells,
          placeboDraws: q.draws, seed: q.seed, hopedReduction: q.hoped, withDarkness: lighting,
        });
        const { series, wdq, wdqReading, areas, ...rest } = e;
        return c.json(
          {
            id: iv.id, kind: iv.kind, ...rest, weeksRequested,
            periods: { before: { from: periods.from, to: periods.beforeTo }, after: { from: periods.afterFrom, to: periods.to } },
            areas: { ...areas, controlChosenBy: iv.controlCells ? ('hand' as const) : ('matching' as const) },
            wdq: wdq ? { ...wdq, readingSv: wdqReading ?? '' } : null,
            series: { weekStarts: periods.weekStarts, target: series.target, control: series.control, controlScaled: series.controlScaled, start: periods.weeks ? periods.afterFrom : null },
          },
          200,
        );
      },
    );
}

/** District of a cell's centre (the index wants a point). */
function locateCell(index: { locate(lon: number, lat: number, cell?: string): string | null }, cell: string): string | null {
  const c = cellsCentre([cell]);
  return index.locate(c.lon, c.lat, cell);
}

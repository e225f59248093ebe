// zod schemas for /api/interventions (the log, its evaluation) and /api/sun.
import { z } from 'zod';
import { isCell } from '../domain/cells.ts';
import { INTERVENTION_KINDS } from '../db/queries/interventions.ts';

const Cell = z.string().refine(isCell, 'not an H3 cell').transform((s) => s.toLowerCase()).describe('H3 cell (hex)');
const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
const Position = z.tuple([Lon, Lat]);
const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position).min(4).max(2000)).min(1).max(20) });

export const Where = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cells'), cells: z.array(Cell).min(1).max(2000) }).describe('H3 cells (any resolution 7–10; coarser cells are filled with their resolution-10 children)'),
  z.object({ type: z.literal('polygon'), polygon: PolygonSchema }).describe('a drawn GeoJSON polygon (WGS84)'),
  z.object({ type: z.literal('place'), lat: Lat, lon: Lon, name: z.string().min(1).max(200).optional(), rings: z.number().int().min(0).max(3).default(1) }).describe('a place: its cell and `rings` H3 rings around it'),
]);

const Fields = {
  kind: z.enum(INTERVENTION_KINDS),
  title: z.string().trim().min(1).max(200),
  where: Where,
  start: z.iso.date().describe('start date, Europe/Stockholm'),
  end: z.iso.date().nullable().optional().describe('end date (inclusive), when it has one'),
  organisation: z.string().trim().min(1).max(200).describe('responsible organisation'),
  cost: z.number().min(0).max(1e12).nullable().optional().describe('cost in SEK'),
  notes: z.string().max(5000).default(''),
  actionId: z.uuid().nullable().optional().describe('the lägesbild action (est_actions.id) this answers'),
  controlCells: z.array(Cell).min(1).max(2000).nullable().optional().describe('comparison cells chosen by hand (default: matched automatically)'),
  weeks: z.number().int().min(1).max(104).default(12).describe('length of each period, in whole weeks'),
  bufferRings: z.number().int().min(0).max(5).default(2).describe('buffer width in H3 rings around the target'),
};

const checkDates = (b: { start: string; end?: string | null | undefined }) => !b.end || b.end >= b.start;
const datesMessage = { message: 'end must not be before start', path: ['end'] };

export const InterventionBody = z.object(Fields).strict().refine(checkDates, datesMessage);
export type InterventionInput = z.output<typeof InterventionBody>;

export const InterventionIdParam = z.object({ id: z.uuid() });

export const InterventionListQuery = z.object({
  kind: z.enum(INTERVENTION_KINDS).optional(),
  district: z.string().max(64).optional(),
  actionId: z.uuid().optional(),
});

export const CloseBody = z.object({ end: z.iso.date().optional().describe('default: today') }).strict();

export const InterventionDto = z.object({
  id: z.string(), kind: z.enum(INTERVENTION_KINDS), title: z.string(), whereKind: z.enum(['cells', 'polygon', 'place']),
  cells: z.array(z.string()), geometry: PolygonSchema.nullable(), placeName: z.string(), lat: z.number(), lon: z.number(),
  districts: z.array(z.string()), start: z.string(), end: z.string().nullable(), organisation: z.string(), cost: z.number().nullable(),
  notes: z.string(), actionId: z.string().nullable().describe('est_actions.id (no foreign key yet)'), controlCells: z.array(z.string()).nullable(),
  weeks: z.number().int(), bufferRings: z.number().int(), createdBy: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
  closedAt: z.string().nullable(), status: z.enum(['planned', 'running', 'ended']),
});
export const InterventionList = z.object({ interventions: z.array(InterventionDto) });

export const EvaluationQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(104).optional().describe('period length (default: the intervention’s own)'),
  bufferRings: z.coerce.number().int().min(0).max(5).optional(),
  draws: z.coerce.number().int().min(0).max(5000).default(1000).describe('placebo draws'),
  hoped: z.coerce.number().min(0.05).max(0.9).default(0.25).describe('reduction hoped for (0–1): below it the verdict says too little data'),
  seed: z.coerce.number().int().min(0).max(2147483647).default(1),
});

const BeforeAfter = z.object({ before: z.number(), after: z.number() });
const WddSchema = z.object({ value: z.number(), se: z.number(), z: z.number(), p: z.number() });
const DarkDay = z.object({ dark: z.number(), day: z.number(), share: z.number().nullable() });

export const EvaluationResponse = z.object({
  id: z.string(),
  kind: z.string(),
  weeks: z.number().int().describe('whole weeks in each period (0: no data on one side)'),
  weeksRequested: z.number().int(),
  periods: z.object({ before: z.object({ from: z.string(), to: z.string() }), after: z.object({ from: z.string(), to: z.string() }) }).describe('local dates, to exclusive'),
  areas: z.object({ target: z.array(z.string()), buffer: z.array(z.string()), control: z.array(z.string()), bufferControl: z.array(z.string()), controlChosenBy: z.enum(['matching', 'hand']) }),
  counts: z.object({ target: BeforeAfter, buffer: BeforeAfter, control: BeforeAfter, bufferControl: BeforeAfter }),
  wdd: WddSchema.describe('Wheeler & Ratcliffe: target against control'),
  wddDisplacement: WddSchema.describe('with the buffer D and its control E'),
  wdq: z.object({ value: z.number(), successMeasure: z.number(), bufferMeasure: z.number(), reading: z.string(), readingSv: z.string() }).nullable().describe('Bowers & Johnson; null when A₁/C₁ − A₀/C₀ ≈ 0'),
  rateRatio: z.object({ estimate: z.number(), low: z.number(), high: z.number(), p: z.number(), family: z.enum(['poisson', 'negbin']), dispersion: z.number() }).nullable(),
  placeboP: z.number().nullable(),
  placeboDraws: z.number().int(),
  smallestDetectableChange: z.number().describe('smallest reduction (0–1) detectable with 80 % power at the 5 % level'),
  verdict: z.string(),
  verdictKind: z.enum(['decrease', 'increase', 'no-effect', 'too-little-data']),
  darkness: z.object({ target: z.object({ before: DarkDay, after: DarkDay }), control: z.object({ before: DarkDay, after: DarkDay }), oddsRatio: z.number(), low: z.number(), high: z.number(), z: z.number(), p: z.number() }).nullable().describe('lighting: the dark/daylight design'),
  series: z.object({ weekStarts: z.array(z.string()), target: z.array(z.number()), control: z.array(z.number()), controlScaled: z.array(z.number()), start: z.string().nullable().describe('first week after the start') }),
});

export const SunQuery = z.object({ date: z.iso.date() });
export const SunResponse = z.object({
  date: z.string(), lat: z.number(), lon: z.number(),
  sunrise: z.string().nullable(), sunset: z.string().nullable(), civilDawn: z.string().nullable(), civilDusk: z.string().nullable(),
  darkHours: z.array(z.number().int()).describe('local hours counted as after dark (an hour whose midpoint is before sunrise or after sunset)'),
});

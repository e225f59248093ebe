// zod schemas for /api/experiments: set-up, assignment, compliance and analysis.
import { z } from 'zod';
import { isCell } from '../domain/cells.ts';

const Cell = z.string().refine(isCell, 'not an H3 cell').transform((s) => s.toLowerCase()).describe('H3 cell (hex, resolution 10)');
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):00$/, 'HH:00 (whole hours, 24 h)');

export const ExperimentBody = z
  .object({
    name: z.string().trim().min(1).max(200).default('Patrulldosexperiment'),
    cells: z.array(Cell).min(4).max(200).describe('eligible cells, e.g. the top N Gi* cells of the last 12 weeks'),
    weeks: z.number().int().min(1).max(52),
    start: z.iso.date().describe('first evening (local date)'),
    visitsPerEvening: z.number().int().min(1).max(6),
    visitMin: z.number().int().min(5).max(60).describe('minutes per visit (the Koper curve: 10–16)'),
    seed: z.number().int().min(0).max(2147483647),
    eveningStart: Hhmm.default('18:00'),
    eveningEnd: Hhmm.default('23:00'),
  })
  .strict()
  .refine((b) => new Set(b.cells).size === b.cells.length, { message: 'cells must not repeat', path: ['cells'] });

export const ExperimentIdParam = z.object({ id: z.uuid() });

const AssignmentSchema = z.array(z.object({ cell: z.string(), district: z.string(), arm: z.enum(['treatment', 'control']) }));
const PowerSchema = z.array(z.object({ reduction: z.number(), power: z.number() })).describe('chance of a significant fall (5 %) for each reduction, by simulation from the cells’ base rates');

export const ExperimentDto = z.object({
  id: z.string(), name: z.string(), cells: z.array(z.string()), assignment: AssignmentSchema, weeks: z.number().int(), start: z.string(), end: z.string().describe('last evening'),
  visitsPerEvening: z.number().int(), visitMin: z.number().int(), eveningStart: z.string(), eveningEnd: z.string(), seed: z.number().int(), power: PowerSchema,
  status: z.enum(['planned', 'running', 'ended']), createdBy: z.string().nullable(), createdAt: z.string(),
});
export const ExperimentList = z.object({ experiments: z.array(ExperimentDto) });

export const ComplianceResponse = z.object({
  evenings: z.array(z.string()),
  plannedMin: z.number(), deliveredMin: z.number(), share: z.number().nullable(), contaminationMin: z.number().describe('presence minutes in control cells'),
  cells: z.array(z.object({ cell: z.string(), district: z.string(), arm: z.enum(['treatment', 'control']), plannedMin: z.number(), deliveredMin: z.array(z.number()), totalMin: z.number(), evenings: z.number().int() })),
});

const Effect = z.object({ estimate: z.number(), low: z.number(), high: z.number(), p: z.number(), family: z.enum(['poisson', 'negbin']) });
export const AnalysisResponse = z.object({
  id: z.string(),
  days: z.number().int().describe('days of the experiment analysed (each period this long)'),
  counts: z.object({ treatment: z.object({ before: z.number(), after: z.number() }), control: z.object({ before: z.number(), after: z.number() }), buffer: z.object({ before: z.number(), after: z.number() }) }),
  itt: Effect.nullable().describe('intention to treat: rate ratio treatment/control, block effects, pre count as covariate'),
  randomisationP: z.number().nullable(),
  doseResponse: Effect.nullable().describe('rate ratio per 10 minutes of presence per evening (observational)'),
  displacement: z.object({ value: z.number(), successMeasure: z.number(), bufferMeasure: z.number(), reading: z.string(), readingSv: z.string() }).nullable().describe('WDQ of the rings around treatment cells'),
  bufferRings: z.number().int(),
});
export const AnalysisQuery = z.object({ draws: z.coerce.number().int().min(0).max(5000).default(999), bufferRings: z.coerce.number().int().min(1).max(3).default(1) });

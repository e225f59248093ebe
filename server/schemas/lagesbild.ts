// Zod schemas for the lägesbild (EST weekly situational picture), its actions, thresholds,
// tertial follow-up and the organisations admin.
import { z } from 'zod';
import { parseIsoWeek } from '../domain/iso-week.ts';
import { ACTION_STATUS_CODES, ORGANISATION_KINDS } from '../domain/est.ts';
import { INDICATOR_IDS } from '../domain/lagesbild-grade.ts';
import { csvList } from './common.ts';

export const WeekId = z.string().refine((s) => parseIsoWeek(s) !== null, { message: "an ISO week such as '2026-W48'" }).describe("ISO week, e.g. '2026-W48' (Monday–Sunday, Europe/Stockholm)");
const DistrictId = z.string().min(1).max(64);
const Cell = z.string().regex(/^[0-9a-f]{15}$/, 'an H3 cell in hex');

export const LagesbildQuery = z.object({
  week: WeekId.optional().describe('ISO week; default: the current week'),
  district: csvList(DistrictId).optional().describe('District ids, comma-separated; default: every district the caller may read'),
});

export const WeekParam = z.object({ week: WeekId });
export const PdfParam = z.object({ file: z.string().regex(/^\d{4}-W\d{2}\.pdf$/).refine((s) => parseIsoWeek(s.slice(0, 8)) !== null, { message: 'an ISO week' }) });

export const MeetingBody = z.strictObject({ districts: z.array(DistrictId).min(1).max(10).describe('Districts whose lägesbild the meeting went through (frozen)') });
export const AnalysisBody = z.strictObject({ district: DistrictId, analysis: z.string().max(10_000) });
export const CommentBody = z.strictObject({ district: DistrictId, body: z.string().trim().min(1).max(4000) });

export const NewActionBody = z.strictObject({
  week: WeekId.describe('The meeting week agreeing the action'),
  district: DistrictId,
  what: z.string().trim().min(1).max(2000),
  place: z.string().max(200).nullish(),
  cells: z.array(Cell).max(50).default([]),
  reportIds: z.array(z.uuid()).max(100).default([]),
  hotspotCell: Cell.nullish(),
  organisation: z.string().max(64).nullish().describe('Responsible organisation id'),
  responsiblePerson: z.string().max(200).nullish(),
  dueDate: z.iso.date().nullish(),
  status: z.enum(ACTION_STATUS_CODES).default('ej-paborjad'),
});

export const ActionPatchBody = z.strictObject({
  what: z.string().trim().min(1).max(2000).optional(),
  place: z.string().max(200).nullable().optional(),
  cells: z.array(Cell).max(50).optional(),
  reportIds: z.array(z.uuid()).max(100).optional(),
  hotspotCell: Cell.nullable().optional(),
  organisation: z.string().max(64).nullable().optional(),
  responsiblePerson: z.string().max(200).nullable().optional(),
  dueDate: z.iso.date().nullable().optional(),
  status: z.enum(ACTION_STATUS_CODES).optional(),
});

export const ActionIdParam = z.object({ id: z.uuid() });
export const ActionQuery = z.object({ district: csvList(DistrictId).optional(), status: csvList(z.enum(ACTION_STATUS_CODES)).optional() });

const ThresholdsShape = z.strictObject({ gul: z.number().min(0), orange: z.number().min(0), rod: z.number().min(0) }).refine((t) => t.gul <= t.orange && t.orange <= t.rod, { message: 'gul ≤ orange ≤ röd' });
export const ThresholdsBody = z.partialRecord(z.enum(INDICATOR_IDS as [string, ...string[]]), ThresholdsShape);

export const TertialQuery = z.object({
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').describe('First month of the four (YYYY-MM), e.g. 2026-01 for januari–april'),
  district: csvList(DistrictId).optional(),
});

export const OrganisationBody = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/, 'a slug: a–z, 0–9 and -'),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ORGANISATION_KINDS).default('annan'),
});
export const OrganisationIdParam = z.object({ id: z.string().regex(/^[a-z0-9-]{2,64}$/) });
export const MemberParam = z.object({ id: z.string().regex(/^[a-z0-9-]{2,64}$/), userId: z.string().min(1).max(64) });
export const MemberBody = z.strictObject({ districts: z.array(DistrictId).max(10) });

/** The lägesbild as JSON (documented loosely: the sections are described in the README). */
export const LagesbildResponse = z.object({
  week: z.string(),
  monday: z.string(),
  sunday: z.string(),
  districts: z.array(z.object({ id: z.string(), name: z.string(), frozenAt: z.string().nullable() })),
  frozenAt: z.string().nullable().describe('When the meeting froze it (every district asked for); null while live'),
  changes: z.array(z.object({ district: z.string(), category: z.string(), count: z.number(), baseline: z.number(), expected: z.number().optional().describe('The baseline scaled to the part of the week that has passed (= baseline for a complete week)'), p: z.number(), change: z.enum(['rise', 'fall', 'none']) })),
  totals: z.array(z.object({ district: z.string(), count: z.number(), baseline: z.number(), expected: z.number().optional(), exposure: z.number().optional().describe('Fraction of the week that had passed (1 = complete; less while the week runs)') })),
  pattern: z.array(z.object({ district: z.string(), week: z.array(z.number()), baseline: z.array(z.number()) })),
  hotspots: z.array(z.object({ district: z.string(), cell: z.string(), kind: z.enum(['new', 'intensifying', 'persistent', 'fading']), place: z.string(), series: z.array(z.number()) })),
  grades: z.array(z.object({ district: z.string(), grade: z.enum(['gron', 'gul', 'orange', 'rod']) })),
  sources: z.array(z.object({ district: z.string(), id: z.string(), sv: z.string(), en: z.string() })),
});

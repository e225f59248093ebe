// Zod schemas for the analytics resource: the shared heat filter (reused by coverage, issue 7)
// and the bodies of /api/heatmap, /api/hotspots, /api/trends, /api/clock and /api/analytics/districts.
import { z } from 'zod';
import { SMALL_NUMBERS } from '../domain/deso-index.ts';
import { CATEGORY_CODES, SOURCES } from '../domain/categories.ts';
import { makeWeekMask, parseDays, parseHours, parseSlots } from '../domain/hour-of-week.ts';
import { parseSeverity } from '../domain/severity.ts';
import { isCell } from '../domain/cells.ts';
import type { HeatFilter } from '../domain/heat-filter.ts';
import type { DarknessCalendar } from '../domain/darkness.ts';
import { csvList } from './common.ts';

/** A query parameter parsed by a domain parser that throws with a readable message. */
function parsed<T>(parse: (s: string) => T, description: string) {
  return z
    .string()
    .max(500)
    .transform((s, ctx) => {
      try {
        return parse(s);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
        return z.NEVER;
      }
    })
    .describe(description);
}

const localDate = z.iso.date().describe('YYYY-MM-DD, Europe/Stockholm, inclusive');

/** The filter every analytics route accepts. */
export const heatFilterFields = {
  res: z.enum(['8', '9', '10']).default('10').transform(Number).describe('H3 resolution of the answer: 8, 9 or 10'),
  from: localDate.optional(),
  to: localDate.optional(),
  days: parsed(parseDays, 'Weekdays, e.g. fri,sat (mon … sun)').optional(),
  hours: parsed(parseHours, 'Local hours, end inclusive: 18-23; 22-2 wraps midnight; 8-10,18-23').optional(),
  slots: parsed(parseSlots, 'Hours of the week instead of days × hours: 114-167 (0 = Monday 00 … 167 = Sunday 23)').optional(),
  categories: csvList(z.enum(CATEGORY_CODES)).optional().describe('Category codes, comma-separated'),
  districts: csvList(z.string().max(64)).optional().describe('District ids, comma-separated'),
  sources: csvList(z.enum(SOURCES)).optional().describe('Sources, comma-separated'),
  holidays: z.enum(['sunday', 'none']).default('none').describe('sunday: public holidays count as Sundays and their eves (midsommarafton, julafton, …) as Saturdays'),
  weights: parsed(parseSeverity, 'Severity per category: brand:3,klotter:0.5 (others weigh 1), or "default" for the suggested table').optional(),
  halfLifeDays: z.coerce.number().positive().max(3650).optional().describe('Recency weighting: weight halves every this many days before today'),
  darkness: z.enum(['dark', 'daylight']).optional().describe('"Mörker": only hours after dark (dark) or only daylight hours, per date at the area\'s location; an hour counts as dark when its midpoint is before sunrise or after sunset'),
};

const checkRange = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const rangeMessage = { message: 'from must not be after to', path: ['from'] };

export const HeatQuery = z.object(heatFilterFields).refine(checkRange, rangeMessage);
export type HeatQueryInput = z.output<typeof HeatQuery>;

export const HotspotQuery = z
  .object({ ...heatFilterFields, k: z.coerce.number().int().min(1).max(3).default(1).describe('Neighbourhood radius in H3 rings') })
  .refine(checkRange, rangeMessage);

export const TrendQuery = z
  .object({
    ...heatFilterFields,
    weeks: z.coerce.number().int().min(4).max(52).default(12).describe('Number of full weeks ending this week'),
    k: z.coerce.number().int().min(1).max(3).default(1),
  })
  .refine(checkRange, rangeMessage);

export const ClockQuery = z
  .object({
    ...heatFilterFields,
    cell: z.string().refine(isCell, 'not an H3 cell').transform((s) => s.toLowerCase()).optional().describe('Only this cell (hex; its own resolution is used)'),
    district: z.string().max(64).optional().describe('Only this district'),
  })
  .refine(checkRange, rangeMessage);

/** The domain filter of a validated query; refDate is today's local date (for recency). */
export function toHeatFilter(q: HeatQueryInput, refDate: string, darkness?: DarknessCalendar): HeatFilter {
  if (q.darkness && !darkness) throw new Error('a darkness filter needs the darkness calendar');
  return {
    timeOfDay: q.darkness,
    darkness: q.darkness ? darkness : undefined,
    res: q.res as 8 | 9 | 10,
    fromDate: q.from,
    toDate: q.to,
    mask: makeWeekMask({ days: q.days, hours: q.hours, slots: q.slots }),
    categories: q.categories,
    districts: q.districts,
    sources: q.sources,
    holidaysAsWeekend: q.holidays === 'sunday',
    severity: q.weights,
    halfLifeDays: q.halfLifeDays,
    refDate,
  };
}

const Cell = z.string().describe('H3 cell (hex)');

export const HeatResponse = z.object({
  res: z.number(),
  cells: z.array(z.object({ cell: Cell, weight: z.number().describe('Σ aoristic weight (× severity × recency)'), count: z.number().int().describe('Reports whose window midpoint matches') })),
});

export const HotspotResponse = z.object({
  res: z.number(),
  k: z.number(),
  cells: z.array(
    z.object({
      cell: Cell,
      value: z.number(),
      z: z.number(),
      p: z.number(),
      class: z.number().int().min(-3).max(3).describe('3/2/1 hot at 99/95/90 %, −3/−2/−1 cold, 0 not significant (FDR-corrected)'),
      place: z.string().describe('The cell centre named as the lägesbild names places (Swedish): "Rydsvägen 12, vid Ryds centrum", else distance and direction from the district centre or a team base'),
    }),
  ),
});

export const TrendResponse = z.object({
  weeks: z.array(z.string()).describe('Week start dates (Mondays), oldest first'),
  cells: z.array(
    z.object({
      cell: Cell,
      pattern: z.enum(['new', 'intensifying', 'persistent', 'diminishing', 'sporadic']).nullable(),
      trendZ: z.number(),
      trendP: z.number(),
      nearRepeat: z.boolean().describe('A cluster of reports in and around the cell in the last 7 days'),
      series: z.array(z.number()).describe('Weight per week, oldest first'),
    }),
  ),
});

export const ClockResponse = z.object({
  matrix: z.array(z.array(z.number())).describe('7 × 24 weights: [weekday 0 = Monday][local hour]'),
  counts: z.array(z.array(z.number())).describe('7 × 24 report counts'),
});

const Population = z.number().int().nullable().describe('Residents (SCB DeSO, sum of the areas); null when no DeSO areas are loaded');
const Per1000 = z.number().nullable().describe('count × 1000 / population; null without a population');
const SmallNumbers = z.boolean().describe(`True when count < ${SMALL_NUMBERS.minCount} or population < ${SMALL_NUMBERS.minPopulation}: too small to compare rates`);

export const DistrictTotalsResponse = z.object({
  rows: z.array(z.object({ district: z.string(), category: z.string(), weight: z.number(), count: z.number(), population: Population, per1000: Per1000 })),
  districts: z
    .array(z.object({ district: z.string(), name: z.string(), weight: z.number(), count: z.number(), population: Population, per1000: Per1000, smallNumbers: SmallNumbers }))
    .describe('Totals per district under the filter, every district (zero counts too)'),
  smallNumbers: z.object({ minCount: z.number().int(), minPopulation: z.number().int() }).describe('The rule behind smallNumbers'),
});

export const DesoTotalsResponse = z.object({
  areas: z.array(
    z.object({
      code: z.string().describe('SCB DeSO code'),
      regso: z.string(),
      regsoName: z.string(),
      district: z.string(),
      population: z.number().int(),
      weight: z.number(),
      count: z.number().describe('Reports under the filter whose cell lies in the area'),
      per1000: Per1000,
      smallNumbers: SmallNumbers,
    }),
  ),
  smallNumbers: z.object({ minCount: z.number().int(), minPopulation: z.number().int() }),
});

export const DesoAreaCollection = z.object({
  type: z.literal('FeatureCollection'),
  attribution: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }),
      properties: z.object({ code: z.string(), regso: z.string(), regsoName: z.string(), district: z.string().nullable(), population: z.number().int(), source: z.string() }),
    }),
  ),
});

// The traffic-light grade of a district's week (grön / gul / orange / röd) from a checklist of
// indicators: each indicator's value is compared with its three thresholds (adjustable by the
// chief); the grade is the worst level any indicator reaches.

export const GRADES = ['gron', 'gul', 'orange', 'rod'] as const;
export type Grade = (typeof GRADES)[number];

export interface Thresholds {
  gul: number;
  orange: number;
  rod: number;
}

/** The checklist: what each indicator measures, with its default thresholds (value ≥ threshold). */
export const INDICATORS = {
  rises: { sv: 'Signifikanta ökningar (kategorier)', en: 'Significant rises (categories)', defaults: { gul: 1, orange: 2, rod: 3 } },
  otrygghet: { sv: 'Rapporter som skapar otrygghet', en: 'Reports judged to create insecurity', defaults: { gul: 3, orange: 6, rod: 10 } },
  violence: { sv: 'Hot/våld-rapporter', en: 'Threats/violence reports', defaults: { gul: 1, orange: 3, rod: 5 } },
  totalRatio: { sv: 'Rapporter mot 8-veckorssnitt (kvot)', en: 'Reports against the 8-week mean (ratio)', defaults: { gul: 1.25, orange: 1.5, rod: 2 } },
  hotspots: { sv: 'Nya eller tilltagande brännpunkter', en: 'New or intensifying hotspots', defaults: { gul: 1, orange: 2, rod: 4 } },
  overdueActions: { sv: 'Öppna åtgärder förbi sitt datum', en: 'Open actions past their due date', defaults: { gul: 1, orange: 3, rod: 5 } },
} as const satisfies Record<string, { sv: string; en: string; defaults: Thresholds }>;

export type IndicatorId = keyof typeof INDICATORS;
export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

export interface IndicatorResult {
  id: IndicatorId;
  value: number;
  thresholds: Thresholds;
  level: Grade;
}

export function levelOf(value: number, t: Thresholds): Grade {
  if (value >= t.rod) return 'rod';
  if (value >= t.orange) return 'orange';
  if (value >= t.gul) return 'gul';
  return 'gron';
}

/** Grades one district: the worst level of its indicators. */
export function gradeDistrict(values: Readonly<Record<IndicatorId, number>>, thresholds: Readonly<Record<IndicatorId, Thresholds>>): { grade: Grade; indicators: IndicatorResult[] } {
  const indicators = INDICATOR_IDS.map((id) => ({ id, value: Math.round(values[id] * 100) / 100, thresholds: thresholds[id], level: levelOf(values[id], thresholds[id]) }));
  const grade = indicators.reduce<Grade>((g, i) => (GRADES.indexOf(i.level) > GRADES.indexOf(g) ? i.level : g), 'gron');
  return { grade, indicators };
}

export function defaultThresholds(): Record<IndicatorId, Thresholds> {
  return Object.fromEntries(INDICATOR_IDS.map((id) => [id, { ...INDICATORS[id].defaults }])) as Record<IndicatorId, Thresholds>;
}

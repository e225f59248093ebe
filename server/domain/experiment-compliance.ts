// Planned against delivered dose in a patrol-dosage experiment: per cell and evening, the minutes
// of GPS presence (track_presence) inside the evening's hours against visits × minutes prescribed
// for treatment cells (control cells are planned 0 and any presence there is contamination).
import type { Assigned } from './stats/experiment.ts';

export interface ComplianceInput {
  assignment: readonly Assigned[];
  /** Local dates of the evenings so far, oldest first. */
  evenings: readonly string[];
  /** Evening hours [startHour, endHour) local; endHour ≤ startHour wraps past midnight (counted on the start date). */
  startHour: number;
  endHour: number;
  plannedMin: number;
  delivered: readonly { cell: string; localDate: string; hour: number; minutes: number }[];
}

export interface ComplianceCell {
  cell: string;
  district: string;
  arm: Assigned['arm'];
  plannedMin: number;
  /** Minutes delivered per evening (same order as evenings). */
  deliveredMin: number[];
  totalMin: number;
  /** Evenings with at least the planned minutes (treatment) or with any presence (control). */
  evenings: number;
}

const DAY_MS = 86_400_000;
const prevDate = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/** The evening (its start date) an hour of a date belongs to, or null when outside the evening hours. */
export function eveningOf(localDate: string, hour: number, startHour: number, endHour: number): string | null {
  if (endHour > startHour) return hour >= startHour && hour < endHour ? localDate : null;
  if (hour >= startHour) return localDate;
  return hour < endHour ? prevDate(localDate) : null;
}

export function compliance(inp: ComplianceInput): { cells: ComplianceCell[]; plannedMin: number; deliveredMin: number; share: number | null; contaminationMin: number } {
  const eveningIndex = new Map(inp.evenings.map((d, i) => [d, i]));
  const byCell = new Map(inp.assignment.map((a) => [a.cell, new Array<number>(inp.evenings.length).fill(0)]));
  for (const r of inp.delivered) {
    const per = byCell.get(r.cell);
    const ev = eveningOf(r.localDate, r.hour, inp.startHour, inp.endHour);
    const i = ev === null ? undefined : eveningIndex.get(ev);
    if (per && i !== undefined) per[i]! += r.minutes;
  }
  let planned = 0;
  let delivered = 0;
  let contamination = 0;
  const cells = inp.assignment.map((a): ComplianceCell => {
    const per = byCell.get(a.cell)!;
    const total = per.reduce((s, m) => s + m, 0);
    const plannedMin = a.arm === 'treatment' ? inp.plannedMin : 0;
    if (a.arm === 'treatment') {
      planned += plannedMin * inp.evenings.length;
      delivered += Math.min(total, plannedMin * inp.evenings.length);
    } else contamination += total;
    return { cell: a.cell, district: a.district, arm: a.arm, plannedMin, deliveredMin: per.map((m) => Math.round(m * 10) / 10), totalMin: total, evenings: per.filter((m) => (a.arm === 'treatment' ? m >= plannedMin : m > 0)).length };
  });
  return { cells, plannedMin: planned, deliveredMin: delivered, share: planned > 0 ? delivered / planned : null, contaminationMin: contamination };
}

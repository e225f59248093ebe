// What running patrol-dosage experiments ask of a district's route suggestion: control cells
// (of every running experiment, wherever they are) are never stops; the district's treatment
// cells are, with the prescribed visits and minutes shown beside the routes.
import type { ExperimentRow } from '../db/queries/experiments.ts';
import type { ExperimentStops } from '../domain/route-suggest.ts';

export interface ExperimentNote {
  ids: string[];
  treatmentCells: string[];
  visitsPerEvening: number;
  visitMin: number;
}

export function experimentStops(running: readonly ExperimentRow[], districtId: string): { stops: ExperimentStops; dto: ExperimentNote } | null {
  if (!running.length) return null;
  const exclude = new Set(running.flatMap((e) => e.assignment.filter((a) => a.arm === 'control').map((a) => a.cell)));
  const here = running.filter((e) => e.assignment.some((a) => a.district === districtId && a.arm === 'treatment'));
  const treatment = [...new Set(here.flatMap((e) => e.assignment.filter((a) => a.district === districtId && a.arm === 'treatment').map((a) => a.cell)))].sort();
  return {
    stops: { exclude, treatment },
    dto: { ids: running.map((e) => e.id), treatmentCells: treatment, visitsPerEvening: Math.max(0, ...here.map((e) => e.visitsPerEvening)), visitMin: Math.max(0, ...here.map((e) => e.visitMin)) },
  };
}

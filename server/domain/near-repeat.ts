// Near-repeat flag: a cluster of reports close in space and time (Townsley, Homel & Chaseling
// 2003, Br. J. Criminology 43(3); Johnson & Bowers 2004): a cell is flagged when its H3 ring
// neighbourhood holds at least `minReports` reports in the last `days` days, one in the cell itself.
import { gridDisk } from 'h3-js';

export interface NearRepeatOptions {
  /** Reports needed in the neighbourhood (default 3). */
  minReports?: number;
  /** Neighbourhood radius in H3 rings (default 1). */
  k?: number;
}

/** Cells flagged, given the report counts per cell over the recent window (e.g. 7 days). */
export function nearRepeatCells(recentCounts: ReadonlyMap<string, number>, opts: NearRepeatOptions = {}): Set<string> {
  const min = opts.minReports ?? 3;
  const k = opts.k ?? 1;
  const flagged = new Set<string>();
  for (const [cell, own] of recentCounts) {
    if (own <= 0) continue;
    let total = 0;
    for (const nb of gridDisk(cell, k)) total += recentCounts.get(nb) ?? 0;
    if (total >= min) flagged.add(cell);
  }
  return flagged;
}

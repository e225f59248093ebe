// Tonight's watch list: the top cells by need whose hot band is on today, and whether a team
// has been there within the revisit interval (default 2 hours, after the Koper curve practice
// of returning to hot spots about every two hours).
import { formatBand, type HotBand } from './track-gaps.ts';
import type { PlaceName } from './track-places.ts';

export interface AlertInput {
  cell: string;
  band: HotBand;
  place: PlaceName;
  /** Latest presence in the cell, ms, or null. */
  lastVisitMs: number | null;
}

export type AlertStatus = 'overdue' | 'due' | 'ok' | 'upcoming';

export interface CellAlert {
  cell: string;
  status: AlertStatus;
  band: HotBand;
  bandStartMs: number;
  bandEndMs: number;
  lastVisitMs: number | null;
  minutesSinceVisit: number | null;
  text: PlaceName;
}

export interface AlertClock {
  nowMs: number;
  /** Hour of the week now (local), and the instant the current local hour began. */
  nowHow: number;
  hourStartMs: number;
}

/**
 * For bands on today's weekday: 'upcoming' before the band; inside it 'ok' when visited within
 * the interval, 'due' when not yet visited in the band, 'overdue' when the interval has passed
 * since the band began (or since the last visit) without one.
 */
export function tonightAlerts(cells: readonly AlertInput[], clock: AlertClock, revisitMin = 120): CellAlert[] {
  const today = Math.floor(clock.nowHow / 24);
  const out: CellAlert[] = [];
  for (const c of cells) {
    if (Math.floor(c.band.startHow / 24) !== today) continue;
    const bandStartMs = clock.hourStartMs + (c.band.startHow - clock.nowHow) * 3_600_000;
    const bandEndMs = bandStartMs + c.band.hours * 3_600_000;
    const since = c.lastVisitMs === null ? null : (clock.nowMs - c.lastVisitMs) / 60_000;
    let status: AlertStatus;
    if (clock.nowMs < bandStartMs) status = 'upcoming';
    else if (clock.nowMs >= bandEndMs) continue; // tonight's band is over
    else {
      const reference = Math.max(bandStartMs, c.lastVisitMs ?? -Infinity);
      const waitedMin = (clock.nowMs - reference) / 60_000;
      const visitedInBand = c.lastVisitMs !== null && c.lastVisitMs >= bandStartMs - revisitMin * 60_000;
      status = visitedInBand && since !== null && since < revisitMin ? 'ok' : waitedMin >= revisitMin ? 'overdue' : 'due';
    }
    const mins = since === null ? null : Math.round(since);
    const sv = `${c.place.sv} (${formatBand(c.band, 'sv')}): ${mins === null ? 'inget besök' : `senaste besök för ${mins} min sedan`}`;
    const en = `${c.place.en} (${formatBand(c.band, 'en')}): ${mins === null ? 'no visit' : `last visit ${mins} min ago`}`;
    out.push({ cell: c.cell, status, band: c.band, bandStartMs, bandEndMs, lastVisitMs: c.lastVisitMs, minutesSinceVisit: mins, text: { sv, en } });
  }
  const order: Record<AlertStatus, number> = { overdue: 0, due: 1, upcoming: 2, ok: 3 };
  return out.sort((a, b) => order[a.status] - order[b.status] || a.bandStartMs - b.bandStartMs);
}

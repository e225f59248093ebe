// Need against presence: each cell's share of the risk (report weight in the chosen hours)
// against its share of the teams' presence minutes. The gap is needShare − presenceShare, so
// a cell with much risk and no presence ranks first, and a cell that gets its due drops.
// Each cell also gets its hot band: the hours of the week around its peak.
import type { PlaceName } from './track-places.ts';

export interface NeedRow {
  cell: string;
  /** 0 = Monday 00–01 … 167. */
  hourOfWeek: number;
  weight: number;
}

export interface PresenceRow {
  cell: string;
  hourOfWeek: number;
  minutes: number;
}

export interface HotBand {
  /** First hour of the week of the band. */
  startHow: number;
  /** Hours in the band (1–maxHours). */
  hours: number;
}

export type RiskLevel = 'high' | 'elevated' | 'moderate';

export interface GapCell {
  cell: string;
  need: number;
  needShare: number;
  presenceMin: number;
  presenceShare: number;
  /** Presence minutes within the hot band's hours. */
  bandPresenceMin: number;
  gap: number;
  level: RiskLevel;
  band: HotBand;
  place: PlaceName;
  text: PlaceName;
}

export interface GapOptions {
  /** Weeks the presence was summed over (for the text). */
  weeks: number;
  placeOf: (cell: string) => PlaceName;
  limit?: number;
  /** Longest hot band, hours. Default 5. */
  maxBandHours?: number;
}

const DAYS_SV = ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'] as const;
const DAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const LEVEL_SV: Record<RiskLevel, string> = { high: 'hög risk', elevated: 'förhöjd risk', moderate: 'viss risk' };
const LEVEL_EN: Record<RiskLevel, string> = { high: 'high need', elevated: 'raised need', moderate: 'some need' };

/** The peak hour of the week widened while a neighbouring hour carries at least 30 % of the peak's weight. */
export function hotBand(byHow: ArrayLike<number>, maxHours = 5): HotBand {
  let peak = 0;
  for (let h = 1; h < 168; h++) if ((byHow[h] ?? 0) > (byHow[peak] ?? 0)) peak = h;
  const floor = (byHow[peak] ?? 0) * 0.3;
  let start = peak;
  let hours = 1;
  while (hours < maxHours) {
    const before = (start + 167) % 168;
    const after = (start + hours) % 168;
    const wb = byHow[before] ?? 0;
    const wa = byHow[after] ?? 0;
    if (Math.max(wa, wb) < floor || Math.max(wa, wb) === 0) break;
    if (wa >= wb) hours++;
    else {
      start = before;
      hours++;
    }
  }
  return { startHow: start, hours };
}

export function formatBand(band: HotBand, lang: 'sv' | 'en'): string {
  const day = Math.floor(band.startHow / 24);
  const from = band.startHow % 24;
  const to = (from + band.hours) % 24;
  const pad = (h: number) => String(h).padStart(2, '0');
  return `${(lang === 'sv' ? DAYS_SV : DAYS_EN)[day]} ${pad(from)}–${pad(to === 0 ? 24 : to)}`;
}

export function bandContains(band: HotBand, how: number): boolean {
  return (how - band.startHow + 168) % 168 < band.hours;
}

export function rankGaps(need: readonly NeedRow[], presence: readonly PresenceRow[], opts: GapOptions): GapCell[] {
  const needBy = new Map<string, Float64Array>();
  for (const r of need) {
    let a = needBy.get(r.cell);
    if (!a) needBy.set(r.cell, (a = new Float64Array(168)));
    a[r.hourOfWeek]! += r.weight;
  }
  const presBy = new Map<string, Float64Array>();
  for (const r of presence) {
    let a = presBy.get(r.cell);
    if (!a) presBy.set(r.cell, (a = new Float64Array(168)));
    a[r.hourOfWeek]! += r.minutes;
  }
  const sum = (a: Float64Array | undefined) => (a ? a.reduce((s, x) => s + x, 0) : 0);
  const totalNeed = [...needBy.values()].reduce((s, a) => s + sum(a), 0);
  const totalPres = [...presBy.values()].reduce((s, a) => s + sum(a), 0);
  if (totalNeed <= 0) return [];

  const rows = [...needBy].map(([cell, a]) => {
    const needW = sum(a);
    const pres = presBy.get(cell);
    const presenceMin = sum(pres);
    const needShare = needW / totalNeed;
    const presenceShare = totalPres > 0 ? presenceMin / totalPres : 0;
    const band = hotBand(a, opts.maxBandHours ?? 5);
    let bandPresenceMin = 0;
    for (let k = 0; k < band.hours; k++) bandPresenceMin += pres?.[(band.startHow + k) % 168] ?? 0;
    return { cell, need: needW, needShare, presenceMin, presenceShare, bandPresenceMin, gap: needShare - presenceShare, band };
  });
  // Risk level by need rank: top 10 % high, next 20 % raised.
  const byNeed = [...rows].sort((a, b) => b.need - a.need);
  const level = new Map(byNeed.map((r, i) => [r.cell, (i < Math.max(1, byNeed.length * 0.1) ? 'high' : i < byNeed.length * 0.3 ? 'elevated' : 'moderate') as RiskLevel]));

  rows.sort((a, b) => (Math.abs(b.gap - a.gap) > 1e-9 ? b.gap - a.gap : 0) || b.need - a.need || a.cell.localeCompare(b.cell));
  return rows.slice(0, opts.limit ?? 50).map((r) => {
    const place = opts.placeOf(r.cell);
    const lv = level.get(r.cell)!;
    const min = Math.round(r.bandPresenceMin);
    const weeks = opts.weeks;
    return {
      ...r,
      level: lv,
      place,
      text: {
        sv: `${place.sv}: ${LEVEL_SV[lv]} ${formatBand(r.band, 'sv')}, ${min} min närvaro på ${weeks} ${weeks === 1 ? 'vecka' : 'veckor'}`,
        en: `${place.en}: ${LEVEL_EN[lv]} ${formatBand(r.band, 'en')}, ${min} min of presence in ${weeks} ${weeks === 1 ? 'week' : 'weeks'}`,
      },
    };
  });
}

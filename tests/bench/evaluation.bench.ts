// One intervention's evaluation over 1,000,000 demo reports: the reports folded into weekly
// counts per cell (from (cell, local date, hour) aggregate rows, as heat_hours gives them), then
// target/buffer/control matching, WDD, WDQ, the count DiD and the placebo test with 1,000 draws
// (target ≤ 500 ms). Same-run baselines: the same evaluation without the placebo test, and a
// plain pass summing the same rows.
import { gridDisk } from 'h3-js';
import { iterateDemoReports } from '../../server/domain/synthetic-reports.ts';
import { localHour } from '../../server/domain/aoristic.ts';
import { reportCell } from '../../server/domain/cells.ts';
import { areaCells } from '../../server/domain/area-cells.ts';
import { evaluationPeriods } from '../../server/domain/stats/evaluation-periods.ts';
import { evaluateIntervention } from '../../server/domain/stats/evaluation.ts';
import { toCellWeeks, type CellDayHour } from '../../server/db/queries/cell-weeks.ts';
import { makeDarknessCalendar } from '../../server/domain/darkness.ts';
import { BENCH_NOW, linkopingArea } from './bench-setup.ts';
import { printTable } from './bench-table.ts';

const REPORTS = Number(process.env.BENCH_EVALUATION_REPORTS ?? 1_000_000);
const REPS = Number(process.env.BENCH_EVALUATION_REPS ?? 7);
const DRAWS = 1000;

const { districts } = linkopingArea();
console.log(`Generating ${REPORTS.toLocaleString('en-US')} demo reports …`);
const hours = new Map<number, { localDate: string; hour: number }>();
const agg = new Map<string, CellDayHour>();
const perCell = new Map<string, number>();
for (const r of iterateDemoReports({ count: REPORTS, seed: 15, districts, bases: linkopingArea().bases, nowMs: BENCH_NOW, months: 24 })) {
  const from = (r.observedFrom ?? r.observedAt)!.getTime();
  const to = (r.observedTo ?? r.observedAt)!.getTime();
  const h = Math.floor((from + (to - from) / 2) / 3_600_000) * 3_600_000;
  let lh = hours.get(h);
  if (!lh) hours.set(h, (lh = localHour(h)));
  const cell = reportCell(r.lat, r.lon);
  const key = `${cell}|${lh.localDate}|${lh.hour}`;
  const row = agg.get(key);
  if (row) row.count++;
  else agg.set(key, { cell, localDate: lh.localDate, hour: lh.hour, count: 1 });
  perCell.set(cell, (perCell.get(cell) ?? 0) + 1);
}
const rows = [...agg.values()];
const hottest = [...perCell].sort((a, b) => b[1] - a[1])[0]![0];
const target = gridDisk(hottest, 1);
const districtCells = areaCells(districts, 10);
const universe = [...new Set([...districtCells, ...target.flatMap((c) => gridDisk(c, 2))])].sort();
const today = localHour(BENCH_NOW).localDate;
const periods = evaluationPeriods({ start: '2025-12-01', weeks: 12, dataFirst: '2024-01-01', today });
const darkness = makeDarknessCalendar();
console.log(`${rows.length.toLocaleString('en-US')} aggregate rows, ${universe.length} cells, ${periods.weeks} weeks each side, target ${target.length} cells`);

function evaluate(draws: number, withDarkness = false) {
  const data = toCellWeeks(universe, periods.weekStarts, rows, withDarkness ? darkness : undefined);
  return evaluateIntervention(data, { target, bufferRings: 2, controlPool: districtCells, placeboDraws: draws, seed: 1, hopedReduction: 0.25, withDarkness });
}

function median(fn: () => unknown): number {
  fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
}

const full = median(() => evaluate(DRAWS));
const noPlacebo = median(() => evaluate(0));
const lighting = median(() => evaluate(DRAWS, true));
const fold = median(() => toCellWeeks(universe, periods.weekStarts, rows));
const scan = median(() => {
  let s = 0;
  for (const r of rows) s += r.count;
  return s;
});
const e = evaluate(DRAWS);
console.log(`verdict: ${e.verdict}\nplacebo p ${e.placeboP} over ${e.placeboDraws} draws; rate ratio ${e.rateRatio?.estimate.toFixed(3)}`);
printTable(`Evaluation over ${REPORTS.toLocaleString('en-US')} reports (median of ${REPS})`, [
  { name: `evaluation + placebo (${DRAWS} draws)`, value: full, unit: 'ms', baseline: noPlacebo, baselineNote: 'same, no placebo', target: 500, lowerIsBetter: true },
  { name: `lighting (dark/daylight) + placebo`, value: lighting, unit: 'ms', baseline: full, baselineNote: 'without darkness', target: 500, lowerIsBetter: true },
  { name: 'evaluation without placebo', value: noPlacebo, unit: 'ms', baseline: scan, baselineNote: 'one pass summing the rows' },
  { name: 'of which: rows → weekly counts', value: fold, unit: 'ms', baseline: scan, baselineNote: 'one pass summing the rows' },
]);

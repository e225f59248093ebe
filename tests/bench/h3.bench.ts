// Per-row CPU work of the import on one core: h3-js latLngToCell, the district lookup, prepareReport.
import { latLngToCell } from 'h3-js';
import { iterateDemoReports } from '../../server/domain/synthetic-reports.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { prepareReport } from '../../server/domain/report.ts';
import { BENCH_NOW, counterId, linkopingArea } from './bench-setup.ts';
import { printTable } from './bench-table.ts';

const POINTS = 200_000;
const { districts, bases } = linkopingArea();
const index = makeDistrictIndex(districts);
const inputs = [...iterateDemoReports({ districts, bases, count: POINTS, seed: 2, nowMs: BENCH_NOW })];

/** Best of three passes (points per second), after one warm-up pass. */
function rate(fn: () => void): number {
  fn();
  let best = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    fn();
    best = Math.max(best, POINTS / ((performance.now() - started) / 1000));
  }
  return best;
}

let sink = 0;
const h3 = rate(() => { for (const r of inputs) sink += latLngToCell(r.lat, r.lon, 10).length; });
const locate = rate(() => { for (const r of inputs) sink += index.locate(r.lon, r.lat)?.length ?? 0; });
const prepare = rate(() => { inputs.forEach((r, i) => (sink += prepareReport(r, index, counterId(i), BENCH_NOW).cell.length)); });

printTable(`Per-row CPU work, one core (${POINTS.toLocaleString('en-US')} synthetic points)`, [
  { name: 'h3-js latLngToCell (res 10)', value: h3, unit: 'points/s', baseline: 600_000, baselineNote: 'issue reference' },
  { name: 'district lookup (H3 res-9 index + PIP)', value: locate, unit: 'points/s', baseline: h3, baselineNote: 'latLngToCell' },
  { name: 'prepareReport (window, cell, district)', value: prepare, unit: 'reports/s', baseline: h3, baselineNote: 'latLngToCell', note: sink ? '' : '-' },
]);

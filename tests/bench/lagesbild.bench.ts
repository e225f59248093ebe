// The weekly lägesbild over 1,000,000 reports on the real PostgreSQL server: building the JSON
// for every district (E-test family, pattern, hotspots, presence, partners, actions, sources) and
// rendering its A4 PDF, each beside a same-run baseline — the week's counts per district ×
// category by GROUP BY over the raw reports (what the aggregate saves), and the JSON build for
// the PDF (what drawing adds). Target: ≤ 1 s each.
import { randomUUID } from 'node:crypto';
import { iterateDemoReports } from '../../server/domain/synthetic-reports.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { importReports } from '../../server/import/report-import.ts';
import { makeDistrictPlaceNamer } from '../../server/domain/district-place-name.ts';
import { parseIsoWeek, shiftWeek } from '../../server/domain/iso-week.ts';
import { readLagesbild } from '../../server/lagesbild/lagesbild.ts';
import { renderLagesbildPdf } from '../../server/lagesbild/pdf.ts';
import { insertAction } from '../../server/db/queries/est-actions.ts';
import { BENCH_NOW, counterId, isReachable, linkopingArea, openBenchSchema } from './bench-setup.ts';
import { printTable, timed, type BenchRow } from './bench-table.ts';

const ROWS = Number(process.env.BENCH_LAGESBILD_ROWS ?? 1_000_000);
const REPS = Number(process.env.BENCH_LAGESBILD_REPS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!(await isReachable())) {
    console.log('PostgreSQL is not reachable on DATABASE_URL / 127.0.0.1:5432: the lägesbild benchmark is skipped.');
    return;
  }
  const { districts, bases } = linkopingArea();
  const index = makeDistrictIndex(districts);
  const db = await openBenchSchema(undefined, 4);
  try {
    const inputs = [...iterateDemoReports({ districts, bases, count: ROWS, seed: 11, nowMs: BENCH_NOW })];
    const imp = await timed(() => importReports(db.sql, inputs, { districts: index, method: 'copy', idFor: counterId, nowMs: BENCH_NOW }));
    await db.sql`analyze`;
    const week = shiftWeek(parseIsoWeek('2026-W10')!, -1); // the last complete week before BENCH_NOW
    for (const d of ['berga', 'ryd', 'skaggetorp']) {
      await insertAction(db.sql, { id: randomUUID(), week: shiftWeek(week, -1).id, district: d, what: `Åtgärd i ${d}`, place: null, cells: [], reportIds: [], hotspotCell: null, organisation: null, responsiblePerson: 'Bench', dueDate: null, status: 'pagar', createdBy: null, at: new Date(BENCH_NOW) });
    }
    const ctx = { sql: db.sql, area: index, nowMs: BENCH_NOW, placeName: makeDistrictPlaceNamer(index) };
    const all = index.districts.map((d) => d.id);

    const build: number[] = [];
    const pdf: number[] = [];
    const raw: number[] = [];
    let bytes = 0;
    let doc = await readLagesbild(ctx, week, all); // warm-up (JIT, plans)
    for (let i = 0; i < REPS; i++) {
      const b = await timed(() => readLagesbild(ctx, week, all));
      build.push(b.seconds);
      doc = b.result;
      const p = await timed(() => renderLagesbildPdf(db.sql, index, doc));
      pdf.push(p.seconds);
      bytes = p.result.length;
      const r = await timed(() => db.sql`
        select district_id, category, count(*) filter (where m >= ${new Date(week.startMs)}) as week, count(*) filter (where m < ${new Date(week.startMs)}) as base
        from (select district_id, category, observed_from + (observed_to - observed_from) / 2 as m from reports
              where observed_to >= ${new Date(shiftWeek(week, -8).startMs)} and observed_from < ${new Date(week.endMs)} and status not in ('rejected', 'merged')) s
        where m >= ${new Date(shiftWeek(week, -8).startMs)} and m < ${new Date(week.endMs)}
        group by 1, 2`);
      raw.push(r.seconds);
    }
    const rows: BenchRow[] = [
      { name: `build lägesbild ${week.id}, 3 districts (JSON)`, value: median(build), unit: 's', baseline: median(raw), baselineNote: 'counts only, GROUP BY raw reports', target: 1, lowerIsBetter: true, note: `${doc.changes.length} tests, ${doc.hotspots.length} hotspots` },
      { name: 'render its A4 PDF (pdfkit, map, tables)', value: median(pdf), unit: 's', baseline: median(build), baselineNote: 'the JSON build', target: 1, lowerIsBetter: true, note: `${(bytes / 1024).toFixed(0)} KiB` },
      { name: 'import (COPY, aggregate triggers)', value: ROWS / imp.seconds, unit: 'reports/s', note: 'setup' },
    ];
    printTable(`Lägesbild on ${ROWS.toLocaleString('en-US')} reports (real PostgreSQL, median of ${REPS})`, rows);
  } finally {
    await db.drop();
  }
}

await main();

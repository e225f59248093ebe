// `npm run analytics -- rebuild`: rebuilds the heat_hours aggregate from the reports table
// (the triggers of migration 00004 keep it exact afterwards); `check` compares totals.
import { DataDirBusyError } from '../db/embedded.ts';
import { openCliDatabase } from './cli-database.ts';
import { heatTotals, rebuildHeat } from '../db/queries/analytics.ts';
import { progressBar } from './progress-bar.ts';

async function main() {
  const command = process.argv[2];
  if (command !== 'rebuild' && command !== 'check') throw new Error('Usage: npm run analytics -- rebuild | check');
  const db = await openCliDatabase();
  const { sql } = db;
  try {
    if (command === 'rebuild') {
      const bar = progressBar(process.stderr);
      const started = performance.now();
      const n = await rebuildHeat(sql, { onProgress: (done, total) => bar.draw(total ? done / total : 1, `${done.toLocaleString('sv-SE')} / ${total.toLocaleString('sv-SE')} rapporter`) });
      bar.done();
      console.log(`Rebuilt the analytics aggregate from ${n} reports in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    }
    const t = await heatTotals(sql);
    const ok = Math.abs(t.weight - t.reports) < 1e-6 * Math.max(1, t.reports) && t.count === t.reports;
    console.log(`Aggregate: Σweight ${t.weight.toFixed(3)}, Σcount ${t.count}, counted reports ${t.reports} — ${ok ? 'consistent' : 'INCONSISTENT: run rebuild'}.`);
    if (!ok) process.exitCode = 2;
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof DataDirBusyError || err instanceof Error ? err.message : err);
  process.exit(1);
});

// `npm run seed [-- --count N --seed S]`: writes the demo reports into DATABASE_URL or the embedded ./data.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../start-server.ts';
import { DataDirBusyError } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { loadDefaultArea } from '../geodata/import-files.ts';
import { DEMO_COUNT, DEMO_SEED, seedDemo } from '../db/seed.ts';

async function main() {
  const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' } } });
  const count = values.count ? Number(values.count) : DEMO_COUNT;
  const seed = values.seed ? Number(values.seed) : DEMO_SEED;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) throw new Error('--count and --seed take whole numbers.');

  const config = loadConfig();
  const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.DATA_DIR}`;
  const { sql, embedded } = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR });
  try {
    await migrate(sql);
    await loadDefaultArea(sql, { streetsFile: config.STREETS_FILE, log: (line) => console.log(line) });
    console.log(`Seeding ${count} demo reports (seed ${seed}) into ${where}…`);
    const started = performance.now();
    const r = await seedDemo(sql, { count, seed, method: embedded ? 'insert' : 'copy' });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Wrote ${r.written} demo reports; ${r.existing} already existed${r.rejected ? `; ${r.rejected} refused` : ''} (${seconds} s).`);
  } finally {
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof DataDirBusyError || err instanceof Error ? err.message : err);
  process.exit(1);
});

// `npm run seed [-- --count N --seed S]`: writes the demo reports into DATABASE_URL or the embedded ./data.
import { parseArgs } from 'node:util';
import { DataDirBusyError } from '../db/embedded.ts';
import { openCliDatabase } from './cli-database.ts';
import { DEMO_COUNT, DEMO_SEED, seedDemo } from '../db/seed.ts';

async function main() {
  const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' } } });
  const count = values.count ? Number(values.count) : DEMO_COUNT;
  const seed = values.seed ? Number(values.seed) : DEMO_SEED;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) throw new Error('--count and --seed take whole numbers.');

  const db = await openCliDatabase(process.env, { log: (line) => console.log(line) });
  const { sql } = db;
  try {
    console.log(`Seeding ${count} demo reports (seed ${seed}) into ${db.where}…`);
    const started = performance.now();
    const r = await seedDemo(sql, { count, seed, method: db.isEmbedded ? 'insert' : 'copy' });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Wrote ${r.written} demo reports; ${r.existing} already existed${r.rejected ? `; ${r.rejected} refused` : ''} (${seconds} s).`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof DataDirBusyError || err instanceof Error ? err.message : err);
  process.exit(1);
});

// `npm run bench [-- NAME…]`: runs every tests/bench/*.bench.ts (or those whose name contains
// a NAME), each in its own Node process so one benchmark's heap does not slow the next.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
const wanted = process.argv.slice(2);
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f.includes(w))) : all;

if (!chosen.length) {
  console.error(`No benchmark matches ${wanted.join(', ')}. Available: ${all.map((f) => f.replace('.bench.ts', '')).join(', ')}`);
  process.exit(1);
}

const started = performance.now();
const failed: string[] = [];
for (const file of chosen) {
  console.log(`\n━━ ${file} ━━`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${file}`], { stdio: 'inherit' });
  console.log(`(${file}: ${((performance.now() - t) / 1000).toFixed(0)} s)`);
  if (r.status !== 0) failed.push(file);
}
console.log(`\nBenchmarks done in ${((performance.now() - started) / 1000).toFixed(0)} s.${failed.length ? ` Crashed: ${failed.join(', ')}` : ''}`);
// A missed target is printed, never fatal; only a crashed benchmark fails the run.
process.exit(failed.length ? 1 : 0);

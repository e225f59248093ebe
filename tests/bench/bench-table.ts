// Prints benchmark figures as a table: figure, baseline, ratio and PASS/MISS against a target.

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** Reference figure to compare with; `baselineNote` says where it comes from. */
  baseline?: number | undefined;
  baselineNote?: string | undefined;
  /** Target the figure must reach (`lowerIsBetter` for latencies). */
  target?: number | undefined;
  lowerIsBetter?: boolean;
  note?: string | undefined;
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));

export function verdict(row: BenchRow): string {
  if (row.target === undefined) return '';
  const ok = row.lowerIsBetter ? row.value <= row.target : row.value >= row.target;
  return `${ok ? 'PASS' : 'MISS'} (${row.lowerIsBetter ? '≤' : '≥'} ${fmt(row.target)})`;
}

export function printTable(title: string, rows: readonly BenchRow[]): void {
  const cells = rows.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline === undefined ? '' : `${fmt(r.baseline)}${r.baselineNote ? ` (${r.baselineNote})` : ''}`,
    r.baseline === undefined ? '' : `${(r.value / r.baseline).toFixed(2)}×`,
    verdict(r),
    r.note ?? '',
  ]);
  const head = ['benchmark', 'figure', 'baseline', 'ratio', 'target', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((s, i) => (i === 1 || i === 3 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join(' │ ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const c of cells) console.log(line(c));
}

/** Wall-clock seconds of an async step. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await fn();
  return { result, seconds: (performance.now() - started) / 1000 };
}

// Vitest global setup: a fresh directory for this run's prepared embedded databases
// (tests/helpers/pglite-snapshot.ts), shared by the worker processes and removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'tk-test-db-'));
  process.env.TK_TEST_SNAPSHOT_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

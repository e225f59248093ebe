// `npm run geodata -- import-osm FILE [--margin-m M]` end to end on an embedded data directory:
// exit codes, the progress bar, the per-layer and per-district summary, and refused input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGeodataCli } from '../../server/cli/geodata.ts';
import { writeOsmFixture } from '../helpers/osm-fixture.ts';

function captureStream(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({ write: (c, _e, cb) => { chunks.push(String(c)); cb(); } });
  return { stream: Object.assign(w, { isTTY: false }) as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

describe('geodata import-osm (CLI)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'osm-cli-'));
    env = { DATA_DIR: join(dir, 'data') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the fixture, drawing a progress bar and printing a summary per layer and district', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const bar = captureStream();
    const code = await runGeodataCli(['import-osm', writeOsmFixture(dir), '--margin-m', '800'], env, (l) => out.push(l), (l) => err.push(l), bar.stream);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(bar.text()).toMatch(/\[█+\] 100 % reading/);
    expect(bar.text()).toMatch(/100 % writing/);
    const text = out.join('\n');
    expect(text).toContain('box: districts + 800 m');
    expect(text).toMatch(/^ {2}layer +berga +ryd +skaggetorp +outside +total$/m);
    expect(text).toMatch(/^ {2}building +0 +2 +0 +0 +2$/m);
    expect(text).toMatch(/^Map version osm-/m);
    expect(text).toMatch(/^Built \d+ tiles \(\d+ with features\) for map version osm-/m);
  }, 180_000); // a fresh embedded database, the import and every tile of the area

  it('refuses a damaged file with exit code 1 and a message naming the problem', async () => {
    const bad = join(dir, 'broken.osm.pbf');
    writeFileSync(bad, Buffer.from('definitely not a protocol buffer'.repeat(8)));
    const err: string[] = [];
    const code = await runGeodataCli(['import-osm', bad], env, () => {}, (l) => err.push(l), captureStream().stream);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/geodata import-osm failed: .*not an OSM PBF file/);
  });

  it.each([
    [['import-osm']],
    [['import-osm', 'x.osm', '--margin-m']],
    [['import-osm', 'x.osm', '--margin-m', '-5']],
    [['import-streets', 'x.osm', '--margin-m', '5']],
  ])('prints the usage for %j', async (args) => {
    const err: string[] = [];
    expect(await runGeodataCli(args, env, () => {}, (l) => err.push(l))).toBe(2);
    expect(err.join('\n')).toContain('import-osm FILE [--margin-m M]');
  });
});

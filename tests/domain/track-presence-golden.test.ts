// Golden test: the GPX walk with a 12-minute stop yields a ~12-minute stop in that cell and
// pass-bys elsewhere. REGEN=1 rewrites tests/fixtures/tracks/out/walk-stop.presence.json.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseGpxTrack } from '../../server/domain/gpx-track.ts';
import { cleanTrack } from '../../server/domain/track-clean.ts';
import { computeVisits, summarizeVisits } from '../../server/domain/presence.ts';
import { stopCell } from '../fixtures/tracks/make-fixtures.ts';

const gpx = readFileSync(new URL('../fixtures/tracks/walk-stop.gpx', import.meta.url), 'utf8');
const goldenUrl = new URL('../fixtures/tracks/out/walk-stop.presence.json', import.meta.url);

function presence() {
  const { points, discarded } = cleanTrack(parseGpxTrack(gpx).points);
  const cells = summarizeVisits(computeVisits(points)).map((c) => ({ cell: c.cell, minutes: Math.round(c.minutes * 100) / 100, isStop: c.isStop }));
  return { discarded, cells };
}

describe('presence of the walk-stop GPX fixture', () => {
  const result = presence();

  it('finds a stop of about 12 minutes in the stop cell', () => {
    const stop = result.cells.find((c) => c.cell === stopCell());
    expect(stop?.isStop).toBe(true);
    expect(stop!.minutes).toBeGreaterThanOrEqual(12);
    expect(stop!.minutes).toBeLessThan(14);
  });

  it('marks every other cell a pass-by', () => {
    const others = result.cells.filter((c) => c.cell !== stopCell());
    expect(others.length).toBeGreaterThan(3);
    for (const c of others) {
      expect(c.isStop).toBe(false);
      expect(c.minutes).toBeLessThan(3);
    }
  });

  it('discards nothing from a clean recording', () => {
    expect(result.discarded).toEqual({ invalid: 0, duplicate: 0, accuracy: 0, jump: 0 });
  });

  it('matches the golden output', () => {
    if (process.env.REGEN === '1') writeFileSync(goldenUrl, `${JSON.stringify(result, null, 2)}\n`);
    expect(result).toEqual(JSON.parse(readFileSync(goldenUrl, 'utf8')));
  });
});

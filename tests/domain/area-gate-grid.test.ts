// The grid in front of the area gate answers exactly as the gate: at random points around the
// districts, on and near their edges, about the margin's rim, far away and at the edge of valid
// coordinates — and it does answer most fixes of a patrol itself.
import { describe, expect, it } from 'vitest';
import { makeGridAreaGate } from '../../server/domain/area-gate-grid.ts';
import { makeAreaGate } from '../../server/domain/track-area.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { linkopingArea } from '../bench/bench-setup.ts';
import { offsetM, seeded } from '../fixtures/tracks/synthetic-walk.ts';

describe('makeGridAreaGate', () => {
  const index = makeDistrictIndex(linkopingArea().districts);
  const gate = makeAreaGate(index, 200);

  /** Lon/lat pairs to try: near every edge and the margin's rim, and scattered over the whole area. */
  function probes(seed: number): [number, number][] {
    const rand = seeded(seed);
    const out: [number, number][] = [];
    for (const d of index.districts) {
      const rings = d.geometry.type === 'Polygon' ? d.geometry.coordinates : d.geometry.coordinates.flat();
      for (const ring of rings) {
        for (let i = 1; i < ring.length; i++) {
          const [ax, ay] = ring[i - 1]!, [bx, by] = ring[i]!;
          for (let k = 0; k < 12; k++) {
            const f = rand();
            const on = { lon: ax! + (bx! - ax!) * f, lat: ay! + (by! - ay!) * f };
            // On the edge, just either side of it, and either side of the 200 m rim.
            for (const m of [0, 0.01, -0.01, 1, -1, 30, -30, 199.9, 200.1, -199.9, -200.1, 240, -240, 400 * rand() - 200]) {
              const p = offsetM(on, m * (rand() - 0.5) * 2, m * (rand() - 0.5) * 2);
              out.push([p.lon, p.lat]);
            }
          }
        }
      }
    }
    for (let i = 0; i < 60_000; i++) out.push([15.5 + rand() * 0.15, 58.37 + rand() * 0.08]);
    for (let i = 0; i < 2_000; i++) out.push([(rand() - 0.5) * 360, (rand() - 0.5) * 180]);
    out.push([15.56, 89.9999], [15.56, -90], [180, 0], [-180, 58.4], [NaN, 58.4], [15.56, Infinity]);
    return out;
  }

  it('answers as the gate everywhere', () => {
    const grid = makeGridAreaGate(gate, index, 200);
    let wrong = 0, n = 0;
    // Twice over: the first visit to a square classifies it, the second reads the memo.
    for (const [lon, lat] of [...probes(7), ...probes(7)]) {
      n++;
      if (grid.admits(lon, lat) !== gate.admits(lon, lat)) wrong++;
    }
    expect(n).toBeGreaterThan(100_000);
    expect(wrong).toBe(0);
  });

  it('answers most fixes of a patrol without asking the gate', () => {
    let asked = 0;
    const counting = { admits: (lon: number, lat: number) => (asked++, gate.admits(lon, lat)) };
    const grid = makeGridAreaGate(counting, index, 200);
    const rand = seeded(3);
    let here = { lat: 58.40837, lon: 15.564625 };
    for (let i = 0; i < 20_000; i++) {
      here = offsetM(here, (rand() - 0.5) * 8, (rand() - 0.5) * 8);
      expect(grid.admits(here.lon, here.lat)).toBe(gate.admits(here.lon, here.lat));
    }
    expect(asked).toBeLessThan(2_000);
  });
});

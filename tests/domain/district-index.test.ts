// The district index agrees with exact point-in-polygon everywhere, boundaries included.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';

const fc = JSON.parse(readFileSync(new URL('../../geodata/linkoping/districts.geojson', import.meta.url), 'utf8')) as { features: Feature<Polygon | MultiPolygon, { id: string; name: string }>[] };
const districts = fc.features.map((f) => ({ id: f.properties.id, name: f.properties.name, geometry: f.geometry }));

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('district index', () => {
  const index = makeDistrictIndex(districts);

  it('finds the district of each centre and nothing in Stockholm', () => {
    expect(index.locate(15.564625, 58.40837)).toBe('ryd');
    expect(index.locate(15.583248, 58.42611)).toBe('skaggetorp');
    expect(index.locate(15.6385, 58.3885)).toBe('berga');
    expect(index.locate(18.0686, 59.3293)).toBeNull();
    expect(index.locate(Number.NaN, 58.4)).toBeNull();
  });

  it('matches exact point-in-polygon on 20,000 random points over the area', () => {
    const rnd = mulberry32(42);
    let inside = 0;
    for (let i = 0; i < 20_000; i++) {
      const lon = 15.53 + rnd() * 0.14;
      const lat = 58.37 + rnd() * 0.07;
      const expected = fc.features.find((f) => booleanPointInPolygon([lon, lat], f))?.properties.id ?? null;
      if (expected) inside++;
      expect(index.locate(lon, lat)).toBe(expected);
    }
    expect(inside).toBeGreaterThan(1000);
  });
});

// The committed Linköping districts: Skäggetorp is SCB's four residential DeSOs (official, not
// approximate), covers its centre, overlaps neither Ryd nor Berga, and is what
// geodata/build-linkoping.ts makes from geodata/linkoping/deso.geojson (golden output).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { areaM2, districtFromDeso, overlapM2, type AreaGeometry } from '../../server/geodata/district-from-deso.ts';

const read = <T>(name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../geodata/linkoping/${name}`, import.meta.url)), 'utf8')) as T;
const districts = read<FeatureCollection<AreaGeometry, { id: string; approximate: boolean; source: string }>>('districts.geojson');
const deso = read<FeatureCollection<AreaGeometry, { code: string; district: string | null; population: number }>>('deso.geojson');
const byId = (id: string) => districts.features.find((f) => f.properties.id === id)!;
const SKAGGETORP_DESO = ['0580C1610', '0580C1630', '0580C1660', '0580C1680'];

describe('Skäggetorp from SCB DeSO areas', () => {
  const s = byId('skaggetorp');

  it('is official and says where it comes from', () => {
    expect(s.properties.approximate).toBe(false);
    expect(s.properties.source).toMatch(/SCB DeSO 2025 \(0580C1610, 0580C1630, 0580C1660, 0580C1680\)/);
    expect(districts.features.every((f) => f.properties.approximate === false)).toBe(true);
  });

  it('covers Skäggetorps centrum', () => {
    expect(booleanPointInPolygon([15.58325, 58.42611], s as Feature<AreaGeometry>)).toBe(true);
  });

  it('overlaps neither Ryd nor Berga', () => {
    expect(overlapM2(s.geometry, byId('ryd').geometry)).toBeLessThan(1);
    expect(overlapM2(s.geometry, byId('berga').geometry)).toBeLessThan(1);
    expect(overlapM2(byId('ryd').geometry, byId('berga').geometry)).toBe(0);
  });

  it('has the area of the four DeSOs within 10 % (1.14 km²)', () => {
    const union = deso.features.filter((f) => SKAGGETORP_DESO.includes(f.properties.code)).reduce((a, f) => a + areaM2(f.geometry), 0);
    expect(union / 1e6).toBeCloseTo(1.14, 2);
    expect(Math.abs(areaM2(s.geometry) - union) / union).toBeLessThan(0.1);
  });

  it('is what the build script makes from the DeSO areas (golden)', () => {
    const parts = deso.features.filter((f) => SKAGGETORP_DESO.includes(f.properties.code)).map((f) => f.geometry);
    expect(districtFromDeso(parts, [byId('berga').geometry, byId('ryd').geometry])).toEqual(s.geometry);
  });
});

describe('DeSO areas carried in geodata/', () => {
  it('hold the residents of the three districts; Tornby (0580C1670) belongs to none', () => {
    const sum = (id: string) => deso.features.filter((f) => f.properties.district === id).reduce((n, f) => n + f.properties.population, 0);
    expect([sum('berga'), sum('ryd'), sum('skaggetorp')]).toEqual([7334, 9275, 8086]);
    expect(deso.features.find((f) => f.properties.code === '0580C1670')?.properties.district).toBeNull();
  });

  it('put Berga’s team base inside Berga, away from its edge', () => {
    const bases = read<FeatureCollection<{ type: 'Point'; coordinates: [number, number] }, { id: string; district: string }>>('bases.geojson');
    for (const b of bases.features) expect(booleanPointInPolygon(b.geometry.coordinates, byId(b.properties.district) as Feature<AreaGeometry>)).toBe(true);
  });
});

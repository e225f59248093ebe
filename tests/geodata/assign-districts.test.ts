// Clipping to the districts' box and district assignment by midpoint.
import { describe, expect, it } from 'vitest';
import { clipLine, districtsBbox, makeDistrictLocator, prepareStreets } from '../../server/geodata/assign-districts.ts';
import { streetsToFeatureCollection } from '../../server/geodata/street-features.ts';
import { lineMidpoint } from '../../server/geodata/street-way.ts';
import type { Polygon } from 'geojson';

const box = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});
const districts = [
  { id: 'west', geometry: box(15.0, 58.0, 15.1, 58.1) },
  { id: 'east', geometry: box(15.1, 58.0, 15.2, 58.1) },
];

describe('districtsBbox', () => {
  it('grows the joint box by the margin in metres', () => {
    const [w, s, e, n] = districtsBbox(districts, 500);
    const dLat = 500 / 111195.08;
    expect(s).toBeCloseTo(58.0 - dLat, 7);
    expect(n).toBeCloseTo(58.1 + dLat, 7);
    expect(w).toBeCloseTo(15.0 - dLat / Math.cos((58.1 * Math.PI) / 180), 7);
    expect(e).toBeCloseTo(15.2 + dLat / Math.cos((58.1 * Math.PI) / 180), 7);
  });
});

describe('makeDistrictLocator', () => {
  it('names the district holding a point, or null', () => {
    const locate = makeDistrictLocator(districts);
    expect(locate([15.05, 58.05])).toBe('west');
    expect(locate([15.15, 58.05])).toBe('east');
    expect(locate([15.3, 58.05])).toBeNull();
  });
});

describe('lineMidpoint', () => {
  it('returns the point halfway along the line, not its middle vertex', () => {
    const mid = lineMidpoint([[15.0, 58.0], [15.0, 58.001], [15.0, 58.004]]);
    expect(mid[0]).toBe(15.0);
    expect(mid[1]).toBeCloseTo(58.002, 9);
  });
});

describe('clipLine', () => {
  it('keeps inside lines whole, drops outside ones and cuts crossing ones', () => {
    const bbox: [number, number, number, number] = [15, 58, 15.2, 58.1];
    const inside: [number, number][] = [[15.05, 58.05], [15.06, 58.05]];
    expect(clipLine(inside, bbox)).toEqual([inside]);
    expect(clipLine([[16, 58.05], [16.1, 58.05]], bbox)).toEqual([]);
    expect(clipLine([[15.1, 58.05], [15.3, 58.05], [15.3, 58.06], [15.1, 58.06]], bbox)).toEqual([
      [[15.1, 58.05], [15.2, 58.05]],
      [[15.2, 58.06], [15.1, 58.06]],
    ]);
  });
});

describe('prepareStreets', () => {
  const way = (coords: [number, number][]) => ({ osmWayId: 1, name: 'x', highway: 'footway', lit: null, coords });

  it('assigns the district holding the midpoint and counts ways clipped out', () => {
    const { rows, clippedOut } = prepareStreets(
      [
        way([[15.09, 58.05], [15.12, 58.05]]), // midpoint 15.105: east
        way([[15.0, 58.2], [15.1, 58.2]]), // 11 km north: outside the box
        way([[15.21, 58.05], [15.2, 58.05]]), // inside the margin, outside both districts
        way([[15.05, 58.05], [15.05, 58.05]]), // zero length
      ],
      districts,
    );
    expect(rows.map((r) => r.districtId)).toEqual(['east', null]);
    expect(rows[0]!.lengthM).toBeCloseTo(0.03 * 111195.08 * Math.cos((58.05 * Math.PI) / 180), 0);
    expect(clippedOut).toBe(1);
  });

  it('refuses to run without districts', () => {
    expect(() => prepareStreets([], [])).toThrow(/import districts/);
  });
});

describe('streetsToFeatureCollection', () => {
  it('turns street rows into LineString features keyed by row id', () => {
    const row = { id: 3, osmWayId: 100, name: 'Rydsgången', highway: 'footway', lit: 'yes', lengthM: 111.2, districtId: 'ryd', coords: [[15.5646, 58.408], [15.5646, 58.409]] as [number, number][] };
    expect(streetsToFeatureCollection([row])).toEqual({
      type: 'FeatureCollection',
      features: [{
        type: 'Feature',
        id: 3,
        properties: { osmWayId: 100, name: 'Rydsgången', highway: 'footway', lit: 'yes', lengthM: 111.2, districtId: 'ryd' },
        geometry: { type: 'LineString', coordinates: row.coords },
      }],
    });
  });
});

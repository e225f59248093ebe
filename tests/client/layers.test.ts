// Layer helpers: GeoJSON in, GeoJSON out, labels placed on the district's top edge, colours by category.
import * as desoChoropleth from '../../client/map/layers/deso-choropleth.ts';
import { describe, expect, it } from 'vitest';
import * as districts from '../../client/map/layers/districts.ts';
import * as pins from '../../client/map/layers/pins.ts';
import * as streets from '../../client/map/layers/streets.ts';
import type { DistrictCollection, PinCollection, StreetCollection } from '../../client/api/types.ts';
import { formatClusterCount } from '../../client/map/count-images.ts';

const square: DistrictCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'a', name: 'A', approximate: true, source: 'hand-drawn', streetKm: 3 },
      geometry: { type: 'Polygon', coordinates: [[[15, 58], [15.2, 58], [15.2, 58.1], [15, 58.1], [15, 58]]] },
    },
    {
      type: 'Feature',
      properties: { id: 'b', name: 'B', approximate: false, source: 'SCB', streetKm: 40 },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [[[16, 59], [16.01, 59], [16.01, 59.01], [16, 59]]],
          [[[17, 59], [17.4, 59], [17.4, 59.2], [17, 59.2], [17, 59]]],
        ],
      },
    },
  ],
};

describe('district layer', () => {
  it('puts the label above the largest ring at its centroid longitude', () => {
    const [a, b] = square.features;
    expect(districts.labelPosition(a!)).toEqual([expect.closeTo(15.1, 9), 58.1]);
    expect(districts.labelPosition(b!)).toEqual([expect.closeTo(17.2, 9), 59.2]);
  });

  it('computes the bbox of all districts, or null for none', () => {
    expect(districts.districtsBbox(square)).toEqual([15, 58, 17.4, 59.2]);
    expect(districts.districtsBbox({ type: 'FeatureCollection', features: [] })).toBeNull();
  });

  it('keeps properties and gives each feature its id', () => {
    const fc = districts.toFeatureCollection(square);
    expect(fc.features.map((f) => [f.id, f.properties.approximate])).toEqual([['a', true], ['b', false]]);
  });

  it('draws every boundary with one solid outline (no approximate marks)', () => {
    const lines = districts.districtLayers.filter((l) => l.type === 'line');
    expect(lines.map((l) => l.id)).toEqual([districts.DISTRICT_OUTLINE_LAYER_ID]);
    expect('paint' in lines[0]! ? lines[0].paint : undefined).not.toHaveProperty('line-dasharray');
    expect('filter' in lines[0]! ? lines[0].filter : undefined).toBeUndefined();
  });
});

describe('pin layer', () => {
  const collection: PinCollection = {
    type: 'FeatureCollection',
    total: 1,
    truncated: false,
    masked: false,
    features: [{ type: 'Feature', properties: { id: 'x', cell: '8a08b3d0e76ffff', category: 'brand', observedTo: '2026-01-01T00:00:00Z' }, geometry: { type: 'Point', coordinates: [15.6, 58.4] } }],
  };

  it('leaves the API members total and truncated out of the map source', () => {
    expect(pins.toFeatureCollection(collection)).toEqual({ type: 'FeatureCollection', features: collection.features });
  });

  it('colours pins by category with a grey fallback', () => {
    expect(pins.categoryColorExpression([{ code: 'brand', sv: 'Brand', en: 'Fire', color: '#f00' }])).toEqual([
      'match', ['get', 'category'], 'brand', '#f00', pins.FALLBACK_PIN_COLOR,
    ]);
    expect(pins.categoryColorExpression([])).toBe(pins.FALLBACK_PIN_COLOR);
  });

  it('clusters the source and names count images it can read back', () => {
    expect(pins.pinSourceSpec.cluster).toBe(true);
    expect(pins.parseCountImageId('count:1234')).toBe(1234);
    expect(pins.parseCountImageId('count:x')).toBeNull();
    expect(pins.parseCountImageId('other')).toBeNull();
  });

  it('draws no symbol text, so no glyphs are needed offline', () => {
    for (const layer of pins.pinLayers([])) expect(JSON.stringify(layer)).not.toContain('text-field');
  });

  it('groups cluster counts with a thin space', () => {
    expect(formatClusterCount(12345)).toBe('12\u2009345');
    expect(formatClusterCount(999)).toBe('999');
  });
});

describe('street layer', () => {
  it('drops degenerate lines', () => {
    const fc: StreetCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: null, highway: null, lit: null, district: null }, geometry: { type: 'LineString', coordinates: [[15, 58]] } },
        { type: 'Feature', properties: { name: 'Väg', highway: 'footway', lit: 'no', district: 'ryd' }, geometry: { type: 'LineString', coordinates: [[15, 58], [15.1, 58]] } },
      ],
    };
    expect(streets.toFeatureCollection(fc).features.map((f) => f.properties.name)).toEqual(['Väg']);
  });
});

describe('DeSO choropleth layer', () => {
  const square = (x: number) => ({ type: 'Polygon' as const, coordinates: [[[x, 58], [x + 0.01, 58], [x + 0.01, 58.01], [x, 58.01], [x, 58]]] });
  const areas = {
    type: 'FeatureCollection' as const,
    attribution: 'Källa: SCB',
    features: ['A', 'B', 'C', 'D'].map((code, i) => ({ type: 'Feature' as const, id: code, geometry: square(15 + i * 0.01), properties: { code, regso: 'R', regsoName: 'R', district: code === 'D' ? null : 'ryd', population: 1000, source: 'SCB' } })),
  };
  const total = (code: string, count: number, population: number, smallNumbers: boolean) => ({ code, regso: 'R', regsoName: 'R', district: 'ryd', population, weight: count, count, per1000: (count * 1000) / population, smallNumbers });

  it('colours by the rate relative to the largest comparable one and flags small numbers', () => {
    const totals = [total('A', 40, 2000, false), total('B', 10, 1000, false), total('C', 3, 100, true)];
    expect(desoChoropleth.topRate(totals)).toBe(20);
    const fc = desoChoropleth.toFeatureCollection(areas, totals);
    expect(fc.features.map((f) => [f.properties.code, f.properties.level, f.properties.small])).toEqual([['A', 1, false], ['B', 0.5, false], ['C', 1, true]]);
    const small = desoChoropleth.desoLayers.find((l) => l.id === desoChoropleth.DESO_SMALL_LAYER_ID);
    expect(small && 'paint' in small ? small.paint : undefined).toHaveProperty('line-dasharray');
  });
});

// Districts and bases read from GeoJSON; the GeoJSON street reader.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBasesGeoJson, parseDistrictsGeoJson, slugify } from '../../server/geodata/area-geojson.ts';
import { parseStreetsGeoJson } from '../../server/geodata/streets-geojson.ts';

const square = { type: 'Polygon', coordinates: [[[15, 58], [15.1, 58], [15.1, 58.1], [15, 58]]] };
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('slugify', () => {
  it('folds Swedish letters and spaces into an ascii id', () => {
    expect(slugify('Skäggetorp')).toBe('skaggetorp');
    expect(slugify('Ryds centrum')).toBe('ryds-centrum');
    expect(slugify('Östra Ågatan')).toBe('ostra-agatan');
    expect(slugify('  Tornby–Skäggetorp (norr) ')).toBe('tornby-skaggetorp-norr');
  });
});

describe('parseDistrictsGeoJson', () => {
  it('reads the repository districts, all official', () => {
    const url = new URL('../../geodata/linkoping/districts.geojson', import.meta.url);
    const districts = parseDistrictsGeoJson(readFileSync(fileURLToPath(url), 'utf8'));
    expect(districts.map((d) => [d.id, d.name, d.approximate])).toEqual([
      ['berga', 'Berga', false],
      ['ryd', 'Ryd', false],
      ['skaggetorp', 'Skäggetorp', false],
    ]);
  });

  it('derives the id from the name and defaults approximate to false', () => {
    const [d] = parseDistrictsGeoJson(fc([{ type: 'Feature', properties: { name: 'Skäggetorp' }, geometry: square }]));
    expect(d).toEqual({ id: 'skaggetorp', name: 'Skäggetorp', approximate: false, source: '', geometry: square });
  });

  it('accepts MultiPolygons and refuses points, short rings and duplicate ids', () => {
    const multi = { type: 'MultiPolygon', coordinates: [square.coordinates] };
    expect(parseDistrictsGeoJson(fc([{ type: 'Feature', properties: { name: 'A' }, geometry: multi }]))[0]!.geometry).toEqual(multi);
    const point = { type: 'Point', coordinates: [15, 58] };
    expect(() => parseDistrictsGeoJson(fc([{ type: 'Feature', properties: { name: 'A' }, geometry: point }]))).toThrow(/geometry/);
    const short = { type: 'Polygon', coordinates: [[[15, 58], [15.1, 58], [15, 58]]] };
    expect(() => parseDistrictsGeoJson(fc([{ type: 'Feature', properties: { name: 'A' }, geometry: short }]))).toThrow(/4 positions/);
    const twice = { type: 'Feature', properties: { name: 'Ryd' }, geometry: square };
    expect(() => parseDistrictsGeoJson(fc([twice, twice]))).toThrow(/duplicate id 'ryd'/);
    expect(() => parseDistrictsGeoJson('{')).toThrow(/not valid JSON/);
  });
});

describe('parseBasesGeoJson', () => {
  it('reads point features with their district', () => {
    const bases = parseBasesGeoJson(
      fc([{ type: 'Feature', properties: { name: 'Ryds centrum', district: 'ryd' }, geometry: { type: 'Point', coordinates: [15.56, 58.41] } }]),
    );
    expect(bases).toEqual([{ id: 'ryds-centrum', name: 'Ryds centrum', districtId: 'ryd', lon: 15.56, lat: 58.41 }]);
  });
});

describe('parseStreetsGeoJson', () => {
  it('keeps lines with name, highway, lit and osm_way_id and splits MultiLineStrings', () => {
    const { ways, stats } = parseStreetsGeoJson(
      fc([
        { type: 'Feature', properties: { name: 'Rydsvägen', highway: 'tertiary', lit: 'yes', osm_way_id: 123 }, geometry: { type: 'LineString', coordinates: [[15.56, 58.41], [15.57, 58.41, 12]] } },
        { type: 'Feature', properties: { seg_id: 3, name: null }, geometry: { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6]]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } },
      ]),
    );
    expect(ways).toEqual([
      { osmWayId: 123, name: 'Rydsvägen', highway: 'tertiary', lit: 'yes', coords: [[15.56, 58.41], [15.57, 58.41]] },
      { osmWayId: null, name: null, highway: null, lit: null, coords: [[1, 2], [3, 4]] },
    ]);
    expect(stats).toEqual({ features: 3, kept: 2, skipped: 1 });
  });
});

// The tile schema: which tile layer and min zoom a map_features row gets.
import { describe, expect, it } from 'vitest';
import { ROAD_LABEL_MIN_ZOOM, TILE_SCHEMA_FINGERPRINT, labelPoint, tilePropsAt, tileBbox, tileRange, toTileFeatures, districtTileFeatures } from '../../server/domain/tile-schema.ts';

const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });

describe('tile schema', () => {
  it('puts roads in classes with their zooms: paths from z13, steps from z15, major roads from z10', () => {
    const line = { type: 'LineString' as const, coordinates: [[15.56, 58.41], [15.57, 58.41]] };
    const road = (kind: string) => toTileFeatures({ layer: 'road', kind, name: 'X', props: { lit: 'no', junk: { a: 1 } }, geometry: line })[0]!.properties;
    expect(road('footway')).toMatchObject({ _l: 'road', _z: 13, class: 'path', lit: 'no' });
    expect(road('footway')).not.toHaveProperty('junk');
    expect(road('steps')._z).toBe(15);
    expect(road('primary')).toMatchObject({ _z: 10, class: 'major' });
    expect(road('residential')).toMatchObject({ _z: 12, class: 'minor' });
    // The bundled network's lines of unknown type: most of the districts' streets, in the z12 overview.
    expect(road('unknown')).toMatchObject({ _z: 12, class: 'minor' });
  });

  it('keeps only what the style draws a road by below the label zoom', () => {
    const props = { kind: 'residential', name: 'Rydsvägen', class: 'minor', ref: '34', lit: 'no', tunnel: 'yes', surface: 'asphalt' };
    expect(tilePropsAt('road', props, ROAD_LABEL_MIN_ZOOM - 1)).toEqual({ kind: 'residential', class: 'minor', tunnel: 'yes' });
    expect(tilePropsAt('road', props, ROAD_LABEL_MIN_ZOOM)).toEqual(props);
    // Other layers keep their names at every zoom (district labels, places).
    expect(tilePropsAt('place', { kind: 'suburb', name: 'Ryd' }, 10)).toEqual({ kind: 'suburb', name: 'Ryd' });
  });

  it('names its schema in the tile version, so tiles an older schema stored are not served after an upgrade', () => {
    expect(TILE_SCHEMA_FINGERPRINT).toMatch(/^s[0-9a-z]+$/);
  });

  it('shows small buildings later than large ones, and their house number at z16 only', () => {
    const small = toTileFeatures({ layer: 'building', kind: 'building', name: null, props: { housenumber: '4' }, geometry: box(15.56, 58.41, 15.56008, 58.41005) });
    const large = toTileFeatures({ layer: 'building', kind: 'building', name: null, props: {}, geometry: box(15.56, 58.41, 15.5615, 58.4108) });
    expect(large[0]!.properties._z).toBe(13);
    expect(small[0]!.properties._z).toBeGreaterThanOrEqual(15);
    expect(small[1]!.properties).toMatchObject({ _l: 'housenumber', _z: 16, housenumber: '4' });
    expect(small[1]!.geometry.type).toBe('Point');
  });

  it('gives POIs an icon and a point, also when mapped as an area', () => {
    const [school] = toTileFeatures({ layer: 'poi', kind: 'school', name: 'Rydskolan', props: {}, geometry: box(15.56, 58.41, 15.562, 58.412) });
    expect(school!.properties).toMatchObject({ _l: 'poi', _z: 14, icon: 'school', name: 'Rydskolan' });
    expect(school!.geometry).toEqual({ type: 'Point', coordinates: [expect.closeTo(15.561, 6), expect.closeTo(58.411, 6)] });
    expect(toTileFeatures({ layer: 'poi', kind: 'unheard_of', name: null, props: {}, geometry: { type: 'Point', coordinates: [15, 58] } })[0]!.properties.icon).toBe('marker');
  });

  it('labels a multipolygon at the centroid of its largest part and drops unknown layers', () => {
    expect(labelPoint({ type: 'MultiPolygon', coordinates: [box(0, 0, 1, 1).coordinates, box(10, 10, 14, 14).coordinates] })).toEqual([12, 12]);
    expect(toTileFeatures({ layer: 'mystery', kind: 'x', name: null, props: {}, geometry: { type: 'Point', coordinates: [0, 0] } })).toEqual([]);
    expect(districtTileFeatures({ id: 'ryd', name: 'Ryd', approximate: false, geometry: box(15.5, 58.4, 15.6, 58.43) }).map((f) => f.properties._l)).toEqual(['district', 'district_label']);
  });

  it('finds the tiles of a box and the box of a tile, inverse of each other', () => {
    const r = tileRange([15.56, 58.41, 15.56, 58.41], 15);
    const [w, s, e, n] = tileBbox(15, r.x0, r.y0);
    expect(w).toBeLessThanOrEqual(15.56);
    expect(e).toBeGreaterThan(15.56);
    expect(s).toBeLessThanOrEqual(58.41);
    expect(n).toBeGreaterThan(58.41);
  });
});

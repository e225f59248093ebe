// The place index on a small hand-made map of Ryd: folding, prefix and word search, ranking,
// limits, reverse geocoding to points and to street lines, and the naming function's labels.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { foldName } from '../../server/domain/place-fold.ts';
import { makePlaceIndex, searchPlaces, type PlaceIndex } from '../../server/domain/place-index.ts';
import { placeInputs } from '../../server/domain/place-sources.ts';
import { reversePlace } from '../../server/domain/place-reverse.ts';
import { namePoint } from '../../server/domain/place-names.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { ADDRESS_LAT, LIBRARY, RYDSVAGEN_LAT, fixtureSources } from '../helpers/place-fixture.ts';

const districtsFile = JSON.parse(readFileSync(new URL('../../geodata/linkoping/districts.geojson', import.meta.url), 'utf8')) as { features: { properties: { id: string; name: string }; geometry: never }[] };
const basesFile = JSON.parse(readFileSync(new URL('../../geodata/linkoping/bases.geojson', import.meta.url), 'utf8')) as { features: { properties: { id: string; name: string; district?: string }; geometry: { coordinates: [number, number] } }[] };
const districts = districtsFile.features.map((f) => ({ id: f.properties.id, name: f.properties.name, geometry: f.geometry }));
const bases = basesFile.features.map((f) => ({ id: f.properties.id, name: f.properties.name, districtId: f.properties.district ?? null, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
const area = makeDistrictIndex(districts);

function build(features = fixtureSources(), networkStreets: { name: string; districtId: string | null; coords: [number, number][] }[] = []): PlaceIndex {
  const names = new Map(districts.map((d) => [d.id, d.name]));
  return makePlaceIndex(placeInputs({ districts, bases, features, networkStreets, locate: (lon, lat) => area.locate(lon, lat) }), (id) => names.get(id) ?? null);
}

const names = (index: PlaceIndex, q: string, limit = 10) => searchPlaces(index, q, { limit }).map((h) => h.place.name);

describe('foldName', () => {
  it('folds case, å/ä/ö, accents and punctuation', () => {
    expect(foldName('Åsgatan')).toBe('asgatan');
    expect(foldName('ÄNGSVÄGEN')).toBe('angsvagen');
    expect(foldName('Östra Ågatan')).toBe('ostra agatan');
    expect(foldName('Café Élite')).toBe('cafe elite');
    expect(foldName('S:t Olofs  kyrka')).toBe('st olofs kyrka');
    expect(foldName('Ryd-Nord, 12 B')).toBe('ryd nord 12 b');
    expect(foldName('  ')).toBe('');
  });
});

describe('place search', () => {
  const index = build();

  it('finds Åsgatan for "asg", "Åsg" and "ÅSG"', () => {
    for (const q of ['asg', 'Åsg', 'ÅSG', 'åsgatan']) expect(names(index, q)[0], q).toBe('Åsgatan');
  });

  it("merges a street's ways per district into one place with all its lines", () => {
    const streets = searchPlaces(index, 'asgatan', { limit: 10 }).filter((h) => h.place.kind === 'street');
    expect(streets).toHaveLength(1);
    expect(streets[0]!.place.lines).toHaveLength(2);
    expect(streets[0]!.place.district).toBe('Ryd');
  });

  it('ranks exact before prefix before word prefix, streets before addresses, addresses by house number', () => {
    const hits = searchPlaces(index, 'rydsvägen', { limit: 10 });
    expect(hits.map((h) => [h.place.kind, h.place.name])).toEqual([
      ['street', 'Rydsvägen'],
      ['poi', 'Rydsvägen'],
      ['address', 'Rydsvägen 2'],
      ['address', 'Rydsvägen 12'],
      ['address', 'Rydsvägen 12B'],
      ['address', 'Rydsvägen 120'],
    ]);
    expect(names(index, 'ryd')[0]).toBe('Ryd'); // the district, exact
    expect(names(index, 'bibliotek')).toEqual(['Ryds bibliotek']); // a later word
    expect(searchPlaces(index, 'bibliotek', { limit: 5 })[0]!.tier).toBe(2);
  });

  it('answers multi-word queries: an address, a place, and words in any order', () => {
    expect(names(index, 'rydsvägen 12')).toEqual(['Rydsvägen 12', 'Rydsvägen 12B', 'Rydsvägen 120']);
    expect(names(index, 'skaggetorp centrum')[0]).toBe('Skäggetorp centrum');
    expect(names(index, 'centrum skäggetorp')).toContain('Skäggetorp centrum');
    expect(names(index, '12 rydsv')).toEqual(['Rydsvägen 12', 'Rydsvägen 12B', 'Rydsvägen 120']);
  });

  it('finds districts, team bases, named buildings and addresses on buildings', () => {
    expect(searchPlaces(index, 'skäggetorp', { limit: 3 })[0]!.place).toMatchObject({ kind: 'district', name: 'Skäggetorp' });
    expect(searchPlaces(index, 'berga', { limit: 3 })[0]!.place.kind).toBe('district');
    expect(searchPlaces(index, 'ryds c', { limit: 3 })[0]!.place).toMatchObject({ kind: 'base', name: 'Ryds centrum' });
    expect(names(index, 'st olof')).toEqual(['S:t Olofs kyrka']);
    expect(names(index, 'åsgatan 7')).toEqual(['Åsgatan 7']);
  });

  it('keeps to the limit and the kinds asked for, and answers nothing for an empty query', () => {
    expect(searchPlaces(index, 'r', { limit: 3 })).toHaveLength(3);
    expect(searchPlaces(index, 'ryd', { limit: 20, kinds: new Set(['address']) }).every((h) => h.place.kind === 'address')).toBe(true);
    expect(searchPlaces(index, ' ,. ', { limit: 5 })).toEqual([]);
    expect(searchPlaces(index, 'zzz', { limit: 5 })).toEqual([]);
  });

  it('takes street names from the walkable network when the map has no named roads', () => {
    const only = build(fixtureSources().filter((f) => f.layer !== 'road'), [{ name: 'Västanvägen', districtId: 'ryd', coords: [[15.56, 58.41], [15.561, 58.41]] }]);
    expect(searchPlaces(only, 'vastan', { limit: 3 })[0]!.place).toMatchObject({ kind: 'street', name: 'Västanvägen', district: 'Ryd' });
  });
});

describe('reverse geocoding', () => {
  const index = build();

  it('names the address next to the point with its distance', () => {
    const hit = reversePlace(index, 15.5610, ADDRESS_LAT + 0.00003)!; // ~3.3 m north of Rydsvägen 12
    expect(hit.place.name).toBe('Rydsvägen 12');
    expect(hit.distanceM).toBeGreaterThan(3);
    expect(hit.distanceM).toBeLessThan(3.7);
  });

  it("measures to a street's line, not its vertices", () => {
    // Midway along Rydsvägen (vertices 290 m away), 10 m south of it, far from every address.
    const hit = reversePlace(index, 15.5625, RYDSVAGEN_LAT - 0.00009)!;
    expect(hit.place).toMatchObject({ kind: 'street', name: 'Rydsvägen' });
    expect(hit.distanceM).toBeCloseTo(10, 0);
  });

  it('chooses the nearer of a POI and a street', () => {
    // 20 m north of the library, 90 m south of Åsgatan.
    expect(reversePlace(index, LIBRARY[0], LIBRARY[1] + 0.00018)!.place.name).toBe('Ryds bibliotek');
    // 5 m south of Åsgatan, 105 m north of the library.
    expect(reversePlace(index, 15.5615, 58.4150 - 0.000045)!.place.name).toBe('Åsgatan');
  });

  it('answers null beyond the radius', () => {
    expect(reversePlace(index, 15.70, 58.30, { maxDistM: 500 })).toBeNull();
  });
});

describe('namePoint', () => {
  const index = build();

  it('names an address with the landmark it is next to', () => {
    const name = namePoint(index, area, 15.5610, ADDRESS_LAT);
    expect(name.sv).toMatch(/^Rydsvägen 12(, vid .+)?$/);
    const atLibrary = namePoint(index, area, 15.5641, 58.4141);
    expect(atLibrary.sv).toBe('Ryds bibliotek');
  });

  it('says how far when the nearest named place is not at the point', () => {
    expect(namePoint(index, area, 15.5650, RYDSVAGEN_LAT + 0.0009).sv).toMatch(/^100 m från /);
  });

  it("falls back to today's district, distance and direction from the nearest base", () => {
    const empty = build([]);
    const ryd = bases.find((b) => b.name === 'Ryds centrum')!;
    expect(namePoint(empty, area, ryd.lon, ryd.lat).sv).toBe('Ryds centrum');
    const far = namePoint(empty, area, ryd.lon, ryd.lat + 0.0068); // ~750 m north
    expect(far.sv).toMatch(/^Ryd, 750 m N om Ryds centrum$/);
    expect(far.en).toMatch(/^Ryd, 750 m N of Ryds centrum$/);
  });
});

describe('namePoint at a landmark', () => {
  it('names a team base when standing at it and every street is farther', () => {
    const ryd = bases.find((b) => b.name === 'Ryds centrum')!;
    const lat = ryd.lat + 0.0009; // a street 100 m north of the base
    const road = { layer: 'road', kind: 'residential', name: 'Norrgatan', districtId: 'ryd', housenumber: null, street: null, geometry: { type: 'LineString', coordinates: [[ryd.lon - 0.002, lat], [ryd.lon + 0.002, lat]] }, minLon: ryd.lon - 0.002, minLat: lat, maxLon: ryd.lon + 0.002, maxLat: lat };
    const index = build([...fixtureSources(), road]);
    expect(namePoint(index, area, ryd.lon + 0.0001, ryd.lat).sv).toBe('Ryds centrum');
    expect(namePoint(index, area, ryd.lon, lat - 0.0001).sv).toBe('Norrgatan, vid Ryds centrum');
  });
});

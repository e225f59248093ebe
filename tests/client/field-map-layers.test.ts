// Field mode's map layers: today's route (line, numbered stops, the next marked, the ones before
// it done), the recorded track and the phone's position with its accuracy in pixels.
import { describe, expect, it } from 'vitest';
import { metresPerPixelAtZ20, positionToFeatureCollection, routeToFeatureCollection, trackToFeatureCollection } from '../../client/map/layers/field.ts';

const route = {
  waypoints: [
    { lon: 15.56, lat: 58.41 },
    { lon: 15.565, lat: 58.412, stop: true },
    { lon: 15.57, lat: 58.413 },
    { lon: 15.575, lat: 58.41, stop: true },
  ],
  schedule: [{ index: 1, place: 'Ryds centrum' }, { index: 3, place: null }],
};

describe('field map layers', () => {
  it('draws straight legs between the waypoints when the route has no saved line, and numbers the stops in schedule order', () => {
    const fc = routeToFeatureCollection(route, 1);
    expect(fc.features[0]).toEqual({ type: 'Feature', properties: { kind: 'line' }, geometry: { type: 'LineString', coordinates: [[15.56, 58.41], [15.565, 58.412], [15.57, 58.413], [15.575, 58.41]] } });
    expect(fc.features.slice(1).map((f) => [f.properties?.number, f.properties?.place, f.properties?.isNext, f.properties?.isDone, f.geometry.coordinates])).toEqual([
      [1, 'Ryds centrum', false, true, [15.565, 58.412]],
      [2, '', true, false, [15.575, 58.41]],
    ]);
  });

  it('uses the saved walking line when there is one, and marks every stop done when none is next', () => {
    const line = { type: 'LineString' as const, coordinates: [[15.56, 58.41], [15.561, 58.411], [15.575, 58.41]] };
    const fc = routeToFeatureCollection({ ...route, geometry: line }, null);
    expect(fc.features[0]!.geometry).toEqual(line);
    expect(fc.features.slice(1).every((f) => f.properties?.isDone === true && f.properties?.isNext === false)).toBe(true);
  });

  it('returns an empty collection with no route, and skips schedule entries whose waypoint is missing', () => {
    expect(routeToFeatureCollection(null, null).features).toEqual([]);
    expect(routeToFeatureCollection({ waypoints: [{ lon: 1, lat: 2 }], schedule: [{ index: 5, place: 'x' }] }, 0).features).toEqual([]);
  });

  it('draws the track once there are two fixes', () => {
    expect(trackToFeatureCollection([{ lat: 58.41, lon: 15.56 }]).features).toEqual([]);
    expect(trackToFeatureCollection([{ lat: 58.41, lon: 15.56 }, { lat: 58.42, lon: 15.57 }]).features[0]!.geometry.coordinates).toEqual([[15.56, 58.41], [15.57, 58.42]]);
  });

  it('gives the accuracy circle its radius in px at z20 (0.075 m/px at the equator, 0.039 m/px in Linköping)', () => {
    expect(metresPerPixelAtZ20(0)).toBeCloseTo(0.0746, 3);
    expect(metresPerPixelAtZ20(58.41)).toBeCloseTo(0.0746 * Math.cos((58.41 * Math.PI) / 180), 4);
    const f = positionToFeatureCollection({ lat: 58.41, lon: 15.56, acc: 10 }).features[0]!;
    expect(f.geometry.coordinates).toEqual([15.56, 58.41]);
    expect(f.properties!.accPx20).toBeCloseTo(10 / metresPerPixelAtZ20(58.41), 6);
    expect(positionToFeatureCollection({ lat: 58.41, lon: 15.56, acc: null }).features[0]!.properties!.accPx20).toBe(0);
    expect(positionToFeatureCollection(null).features).toEqual([]);
  });
});

// The light map's pure parts: rounded picture views, pins clustered on a finger-wide grid, the
// districts' bounds, and where a chosen place takes the map.
import { describe, expect, it } from 'vitest';
import { project, unproject } from '../../server/domain/map-view.ts';
import { CLUSTER_PX, MAX_ZOOM, POINT_ZOOM, boundsOf, clusterPins, clusterRadius, roundView, staticMapUrl, viewForPlace } from '../../client/report/light-map-view.ts';

const VIEW = { lon: 15.58, lat: 58.41, zoom: 14, width: 390, height: 300 };

describe('the light map view', () => {
  it('rounds a view to what the server draws (and names it in the URL)', () => {
    const v = roundView({ lon: 15.5812345678, lat: 58.4098765432, zoom: 21.234, width: 390.4, height: 299.6 });
    expect(v).toEqual({ lon: 15.581235, lat: 58.409877, zoom: MAX_ZOOM, width: 390, height: 300 });
    expect(staticMapUrl(v)).toBe('/map/static.svg?lon=15.581235&lat=58.409877&zoom=18&width=390&height=300');
  });

  it('draws pins a finger apart on their own and closer ones as one circle with a count', () => {
    const at = (px: number): [number, number] => {
      const p = unproject(VIEW, 100 + px, 100);
      return [p.lon, p.lat];
    };
    const near = clusterPins(VIEW, [at(1), at(3)]);
    expect(near).toHaveLength(1);
    expect(near[0]!.count).toBe(2);
    const apart = clusterPins(VIEW, [at(0), at(CLUSTER_PX * 2)]);
    expect(apart.map((c) => c.count)).toEqual([1, 1]);
    // A pin far outside the picture is not drawn.
    expect(clusterPins(VIEW, [[VIEW.lon + 1, VIEW.lat]])).toEqual([]);
  });

  it('merges circles that would overlap across a cell border, keeping every pin counted once', () => {
    const at = (px: number, py = 100): [number, number] => {
      const p = unproject(VIEW, px, py);
      return [p.lon, p.lat];
    };
    // Two clusters of 40 on either side of a cell border, 20 px apart: one circle of 80.
    const border = CLUSTER_PX * 3;
    const both = clusterPins(VIEW, [...Array.from({ length: 40 }, () => at(border - 10)), ...Array.from({ length: 40 }, () => at(border + 10))]);
    expect(both.map((c) => c.count)).toEqual([80]);
    expect(both[0]!.x).toBeCloseTo(border, 6);
    // Scattered pins: every pin in exactly one circle, and no two circles overlap.
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pts = Array.from({ length: 600 }, () => at(rnd() * VIEW.width, rnd() * VIEW.height));
    const clusters = clusterPins(VIEW, pts);
    expect(clusters.reduce((n, c) => n + c.count, 0)).toBe(600);
    for (const [i, a] of clusters.entries()) {
      for (const b of clusters.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(clusterRadius(a.count) + clusterRadius(b.count));
    }
  });

  it("takes the districts' outer rings as the first view's bounds", () => {
    const fc = [
      { geometry: { type: 'Polygon', coordinates: [[[15.5, 58.4], [15.6, 58.4], [15.6, 58.45], [15.5, 58.4]]] } },
      { geometry: { type: 'MultiPolygon', coordinates: [[[[15.62, 58.38], [15.66, 58.39], [15.62, 58.38]]]] } },
    ];
    expect(boundsOf(fc)).toEqual([15.5, 58.38, 15.66, 58.45]);
    expect(boundsOf([])).toBeNull();
  });

  it('frames a street whole and centres an address at street level', () => {
    const street = viewForPlace(VIEW, [15.55, 58.40, 15.57, 58.41], [15.56, 58.405]);
    const [x0, y0] = project(street, 15.55, 58.41);
    const [x1, y1] = project(street, 15.57, 58.40);
    expect(Math.min(x0, y0)).toBeGreaterThanOrEqual(48);
    expect(x1).toBeLessThanOrEqual(VIEW.width - 48);
    expect(y1).toBeLessThanOrEqual(VIEW.height - 48);
    const address = viewForPlace(VIEW, [15.5621, 58.415, 15.5621, 58.415], [15.5621, 58.415]);
    expect(address).toMatchObject({ lon: 15.5621, lat: 58.415, zoom: POINT_ZOOM });
  });
});

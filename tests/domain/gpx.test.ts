// GPX 1.1 export and import of patrol routes, checked against the schema's essential rules.
import { describe, expect, it } from 'vitest';
import { parseGpxRoute, routeToGpx, GpxError } from '../../server/domain/gpx.ts';
import { gpx11Violations } from './gpx-schema.ts';

const route = {
  name: 'Kväll i Ryd <A & B>',
  description: '2026-11-20 18:00–23:00',
  createdAt: '2026-11-20T12:00:00.000Z',
  waypoints: [
    { lon: 15.5646, lat: 58.4084, stop: false, dwellMin: 0 },
    { lon: 15.556, lat: 58.41, stop: true, dwellMin: 12, name: 'Rydsvägen' },
    { lon: 15.57, lat: 58.404, stop: true, dwellMin: 15, name: 'Ryds centrum' },
    { lon: 15.5646, lat: 58.4084, stop: false, dwellMin: 0 },
  ],
  stops: [
    { lon: 15.556, lat: 58.41, name: 'Rydsvägen', arrival: '2026-11-20T18:20:00+01:00', dwellMin: 12 },
    { lon: 15.57, lat: 58.404, name: 'Ryds centrum', arrival: '2026-11-20T19:05:00+01:00', dwellMin: 15 },
  ],
  line: [[15.5646, 58.4084], [15.556, 58.41], [15.57, 58.404], [15.5646, 58.4084]] as [number, number][],
};

describe('routeToGpx', () => {
  it('writes GPX 1.1 that meets the schema’s rules', () => {
    const xml = routeToGpx(route);
    expect(gpx11Violations(xml)).toEqual([]);
    expect(xml).toContain('<name>Kväll i Ryd &lt;A &amp; B&gt;</name>');
    expect(xml).toContain('<time>2026-11-20T17:20:00Z</time>');
    expect(xml.match(/<wpt /g)).toHaveLength(2);
    expect(xml.match(/<rtept /g)).toHaveLength(4);
  });

  it('reads back its own route with the stops and their dwell', () => {
    const back = parseGpxRoute(routeToGpx(route));
    expect(back.name).toBe(route.name);
    expect(back.waypoints.map((w) => [w.stop, w.dwellMin])).toEqual([[false, 0], [true, 12], [true, 15], [false, 0]]);
    expect(back.waypoints[1]!.lon).toBeCloseTo(15.556, 6);
  });

  it('reads a track with waypoints as stops when there is no route', () => {
    const xml = `<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">
      <wpt lat="58.41" lon="15.556"><name>Torget</name></wpt>
      <trk><trkseg><trkpt lat="58.4084" lon="15.5646"/><trkpt lat="58.41" lon="15.556"/><trkpt lat="58.404" lon="15.57"/></trkseg></trk></gpx>`;
    const back = parseGpxRoute(xml);
    expect(back.line).toHaveLength(3);
    expect(back.waypoints.filter((w) => w.stop)).toEqual([{ lon: 15.556, lat: 58.41, stop: true, dwellMin: 12, name: 'Torget' }]);
  });

  it('refuses files that are not GPX or have no route', () => {
    expect(() => parseGpxRoute('<kml/>')).toThrow(GpxError);
    expect(() => parseGpxRoute('<gpx version="1.1"><rte><rtept lat="58" lon="15"/></rte></gpx>')).toThrow(/fewer than two/);
    expect(() => parseGpxRoute('<gpx version="1.1"><rte><rtept lat="95" lon="15"/><rtept lat="58" lon="15"/></rte></gpx>')).toThrow(/lat\/lon/);
  });

  it('catches schema violations in the checker itself', () => {
    expect(gpx11Violations('<gpx version="1.0" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><rte/><wpt lat="91" lon="15"/></gpx>')).toEqual([
      'gpx: version must be "1.1"',
      'gpx/wpt: out of order in gpx',
      'gpx/wpt[1]: lat 91 is not a latitudeType',
    ]);
  });
});

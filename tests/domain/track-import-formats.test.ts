import { describe, expect, it } from 'vitest';
import { parseGpxTrack } from '../../server/domain/gpx-track.ts';
import { parseGeoJsonTrack } from '../../server/domain/track-geojson.ts';
import { makeAreaGate } from '../../server/domain/track-area.ts';
import { makeDistrictIndex } from '../../server/domain/district-index.ts';
import { linkopingArea } from '../bench/bench-setup.ts';
import { offsetM } from '../fixtures/tracks/synthetic-walk.ts';

describe('track file formats', () => {
  it('reads GPX 1.1 track points with times', () => {
    const t = parseGpxTrack(`<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Pass</name><trkseg>
      <trkpt lat="58.4" lon="15.5"><time>2026-11-20T18:00:00Z</time></trkpt><trkpt lat="58.41" lon="15.51"><time>2026-11-20T18:00:10Z</time><hdop>2</hdop></trkpt></trkseg></trk></gpx>`);
    expect(t.name).toBe('Pass');
    expect(t.points).toEqual([
      { t: Date.parse('2026-11-20T18:00:00Z'), lat: 58.4, lon: 15.5, accuracyM: null },
      { t: Date.parse('2026-11-20T18:00:10Z'), lat: 58.41, lon: 15.51, accuracyM: 10 },
    ]);
  });

  it('refuses a GPX point without a time, naming it', () => {
    expect(() => parseGpxTrack('<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>')).toThrow(/trkpt\[0\] has no <time>/);
  });

  it('refuses malformed XML and a GPX with only a route', () => {
    expect(() => parseGpxTrack('<gpx><trk>')).toThrow(/not well-formed/);
    expect(() => parseGpxTrack('<gpx version="1.1"><rte><rtept lat="1" lon="2"/></rte></gpx>')).toThrow(/no track points/);
  });

  it('reads a GeoJSON LineString with coordTimes and Point features with a time', () => {
    const line = parseGeoJsonTrack(JSON.stringify({ type: 'Feature', properties: { coordTimes: ['2026-11-20T18:00:00Z', '2026-11-20T18:00:10Z'] }, geometry: { type: 'LineString', coordinates: [[15.5, 58.4], [15.51, 58.41]] } }));
    expect(line.points.map((p) => p.t)).toEqual([Date.parse('2026-11-20T18:00:00Z'), Date.parse('2026-11-20T18:00:10Z')]);
    const pts = parseGeoJsonTrack(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { time: 1795197600 }, geometry: { type: 'Point', coordinates: [15.5, 58.4] } }] }));
    expect(pts.points[0]).toMatchObject({ t: 1795197600_000, lat: 58.4, lon: 15.5 });
  });
});

describe('makeAreaGate', () => {
  const index = makeDistrictIndex(linkopingArea().districts);
  const gate = makeAreaGate(index, 200);
  const base = { lat: 58.42611, lon: 15.583248 };

  it('admits points inside a district and within the margin, not beyond', () => {
    expect(gate.admits(base.lon, base.lat)).toBe(true);
    // Walk east from the base until leaving the district, then test 150 m and 300 m further.
    let edge = base;
    while (index.locate(edge.lon, edge.lat)) edge = offsetM(edge, 5, 0);
    const near = offsetM(edge, 150, 0);
    const far = offsetM(edge, 300, 0);
    expect(gate.admits(near.lon, near.lat)).toBe(true);
    expect(gate.admits(far.lon, far.lat)).toBe(false);
    expect(gate.admits(18.07, 59.33)).toBe(false); // Stockholm
  });
});

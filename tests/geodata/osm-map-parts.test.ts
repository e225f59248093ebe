// The pure parts of import-osm: tag classification, multipolygon ring assembly, the node store
// and polygon clipping, checked against hand-made cases.
import { area as turfArea } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { clipPolygonGeometry, representativePoint, signedArea } from '../../server/geodata/map-geometry.ts';
import { assembleMultipolygon, joinRings } from '../../server/geodata/multipolygon.ts';
import { NodeStore } from '../../server/geodata/node-store.ts';
import { OsmMapCollector } from '../../server/geodata/osm-map-collector.ts';
import { classifyTags, isAreaWay, nameOf } from '../../server/geodata/osm-classify.ts';

const tags = (o: Record<string, string>) => new Map(Object.entries(o));
const summary = (o: Record<string, string>, shape: 'point' | 'line' | 'area') =>
  classifyTags(tags(o), shape).map((f) => `${f.layer}/${f.kind}/${f.geom}`);

describe('classifyTags', () => {
  it('gives a school area a landuse polygon and a POI point', () => {
    expect(summary({ amenity: 'school', name: 'Rydsskolan' }, 'area')).toEqual(['landuse/school/area', 'poi/school/point']);
  });

  it('gives a building with an address a building and an address point, with addr:* in props', () => {
    const f = classifyTags(tags({ building: 'yes', 'addr:street': 'Åsgatan', 'addr:housenumber': '3B', 'addr:postcode': '58330' }), 'area');
    expect(f.map((x) => `${x.layer}/${x.geom}`)).toEqual(['building/area', 'address/point']);
    expect(f[0]!.props).toEqual({ building: 'yes', street: 'Åsgatan', housenumber: '3B', postcode: '58330' });
  });

  it('names youth centres, sports halls, preschools, shops and health centres', () => {
    expect(summary({ amenity: 'community_centre', community_centre: 'youth_centre' }, 'point')).toEqual(['poi/youth_centre/point']);
    expect(summary({ leisure: 'sports_centre', building: 'sports_hall' }, 'area')).toEqual(['building/building/area', 'landuse/sports_centre/area', 'poi/sports_hall/point']);
    expect(summary({ amenity: 'kindergarten' }, 'point')).toEqual(['poi/kindergarten/point']);
    expect(summary({ shop: 'hairdresser' }, 'point')).toEqual(['poi/shop/point']);
    expect(classifyTags(tags({ shop: 'hairdresser' }), 'point')[0]!.props.subkind).toBe('shop=hairdresser');
    expect(summary({ healthcare: 'centre' }, 'point')).toEqual(['poi/clinic/point']);
    expect(summary({ shop: 'vacant' }, 'point')).toEqual([]);
  });

  it('classifies roads by class, links by their parent, and keeps road props', () => {
    const [road] = classifyTags(tags({ highway: 'primary_link', ref: '35', tunnel: 'yes', bridge: 'no', layer: '-1', surface: 'asphalt' }), 'line');
    expect(road).toMatchObject({ layer: 'road', kind: 'primary', props: { ref: '35', tunnel: true, layer: -1, surface: 'asphalt' } });
    expect(summary({ highway: 'busway' }, 'line')).toEqual(['road/unknown/line']);
    expect(summary({ highway: 'construction' }, 'line')).toEqual([]);
    expect(summary({ railway: 'abandoned' }, 'line')).toEqual([]);
    expect(summary({ waterway: 'stream' }, 'line')).toEqual(['waterway/stream/line']);
  });

  it('tells area ways from closed lines', () => {
    expect(isAreaWay(tags({ highway: 'residential' }))).toBe(false);
    expect(isAreaWay(tags({ highway: 'pedestrian', area: 'yes' }))).toBe(true);
    expect(isAreaWay(tags({ leisure: 'park' }))).toBe(true);
    expect(isAreaWay(tags({ waterway: 'stream' }))).toBe(false);
    expect(isAreaWay(tags({ natural: 'water' }))).toBe(true);
  });

  it('prefers name:sv over name', () => {
    expect(nameOf(tags({ name: 'Linkoping', 'name:sv': 'Linköping' }))).toBe('Linköping');
    expect(nameOf(tags({ name: 'Ryd' }))).toBe('Ryd');
    expect(nameOf(tags({}))).toBeNull();
  });
});

describe('joinRings and assembleMultipolygon', () => {
  it('joins pieces end to end, reversing where needed, and counts the ones left open', () => {
    const { rings, open } = joinRings([[1, 2, 3], [1, 4, 3], [7, 8], [10, 11, 12, 10]]);
    expect(rings.map((r) => [...r].sort((a, b) => a - b))).toEqual([[10, 10, 11, 12], [1, 1, 2, 3, 4]]);
    expect(open).toBe(1);
  });

  const coords = new Map<number, [number, number]>([
    [1, [0, 0]], [2, [4, 0]], [3, [4, 4]], [4, [0, 4]],
    [5, [1, 1]], [6, [2, 1]], [7, [2, 2]], [8, [1, 2]],
    [9, [10, 10]], [10, [11, 10]], [11, [11, 11]], [12, [10, 11]],
  ]);

  it('puts the hole in its outer ring, winds rings as RFC 7946 asks and keeps separate outers apart', () => {
    const { geometry } = assembleMultipolygon(
      [
        { role: 'outer', refs: [1, 2, 3] },
        { role: 'outer', refs: [3, 4, 1] },
        { role: 'inner', refs: [5, 8, 7, 6, 5] },
        { role: 'outer', refs: [9, 10, 11, 12, 9] },
      ],
      (id) => coords.get(id),
    );
    expect(geometry!.type).toBe('MultiPolygon');
    const polys = (geometry as { coordinates: number[][][][] }).coordinates;
    const big = polys.find((p) => p.length === 2)!;
    expect(signedArea(big[0]!)).toBeGreaterThan(0);
    expect(signedArea(big[1]!)).toBeLessThan(0);
    expect(Math.abs(signedArea(big[0]!)) - Math.abs(signedArea(big[1]!))).toBe(15);
    expect(polys.find((p) => p.length === 1)![0]).toHaveLength(5);
  });

  it('treats a role-less ring inside another as a hole', () => {
    const { geometry } = assembleMultipolygon([{ role: '', refs: [1, 2, 3, 4, 1] }, { role: '', refs: [5, 6, 7, 8, 5] }], (id) => coords.get(id));
    expect(geometry!.type).toBe('Polygon');
    expect((geometry as Polygon).coordinates).toHaveLength(2);
  });

  it('gives up on a relation whose outer ring does not close', () => {
    expect(assembleMultipolygon([{ role: 'outer', refs: [1, 2, 3] }], (id) => coords.get(id)).geometry).toBeNull();
  });
});

describe('NodeStore', () => {
  it('finds nodes added in any order, the last write of an id winning', () => {
    const s = new NodeStore();
    for (let i = 0; i < 100_000; i++) s.add(i * 3 + 1e10, 15 + i * 1e-6, 58);
    s.add(5, 1.5, 2.5);
    s.add(5, 1.25, 2.25);
    expect(s.get(5)).toEqual([1.25, 2.25]);
    expect(s.get(99_999 * 3 + 1e10)).toEqual([15.099999, 58]);
    expect(s.get(4)).toBeUndefined();
    expect(s.size).toBe(100_001);
  });
});

describe('polygon clipping and representative points', () => {
  it('clips a polygon with a hole to a box, keeping the hole inside and the area right', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]] };
    const c = clipPolygonGeometry(g, [0, 0, 3, 4]) as Polygon;
    expect(c.coordinates).toHaveLength(2);
    expect(turfArea(c) / turfArea({ type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 4], [0, 4], [0, 0]]] })).toBeCloseTo(11 / 12, 2);
    expect(clipPolygonGeometry(g, [10, 10, 11, 11])).toBeNull();
  });

  it('puts the point of a U-shaped polygon on its surface, not in the notch', () => {
    const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const [x, y] = representativePoint(u);
    expect(x > 1 && x < 2 && y > 1).toBe(false);
  });
});

describe('OsmMapCollector', () => {
  it('splits a way where the extract lacks a node (no chord across the gap) and drops such areas', () => {
    const c = new OsmMapCollector([15, 58, 16, 59]);
    [[1, 15.1], [2, 15.2], [4, 15.4], [5, 15.5]].forEach(([id, lon]) => c.addNode(id!, lon!, 58.5, null));
    c.addWay(10, [1, 2, 3, 4, 5], tags({ highway: 'residential', name: 'Glappgatan' }));
    c.addWay(11, [1, 2, 3, 4, 1], tags({ building: 'yes' }));
    c.finish();
    expect(c.features.map((f) => f.geometry)).toEqual([
      { type: 'MultiLineString', coordinates: [[[15.1, 58.5], [15.2, 58.5]], [[15.4, 58.5], [15.5, 58.5]]] },
    ]);
    expect(c.streets.map((s) => s.coords.length)).toEqual([2, 2]);
    expect(c.stats.waysMissingNodes).toBe(2);
  });
});

// Which OSM ways count as walkable.
import { describe, expect, it } from 'vitest';
import { classifyWay } from '../../server/geodata/pedestrian-filter.ts';

const tags = (o: Record<string, string>) => new Map(Object.entries(o));

describe('classifyWay', () => {
  it.each(['footway', 'path', 'pedestrian', 'steps', 'cycleway', 'living_street', 'residential', 'service', 'unclassified', 'track', 'tertiary', 'secondary', 'primary', 'bridleway', 'corridor'])(
    'keeps highway=%s',
    (highway) => expect(classifyWay(tags({ highway }))).toBe('keep'),
  );

  it.each(['motorway', 'motorway_link', 'trunk', 'trunk_link', 'construction', 'proposed', 'raceway', 'bus_guideway'])(
    'drops highway=%s as not walkable',
    (highway) => expect(classifyWay(tags({ highway }))).toBe('not-walkable'),
  );

  it('ignores ways without a highway tag', () => {
    expect(classifyWay(tags({ building: 'yes' }))).toBe('not-highway');
  });

  it('drops foot=no and access=no/private unless foot=yes/designated', () => {
    expect(classifyWay(tags({ highway: 'service', foot: 'no' }))).toBe('no-foot-access');
    expect(classifyWay(tags({ highway: 'service', access: 'private' }))).toBe('no-foot-access');
    expect(classifyWay(tags({ highway: 'cycleway', access: 'no' }))).toBe('no-foot-access');
    expect(classifyWay(tags({ highway: 'track', access: 'private', foot: 'yes' }))).toBe('keep');
    expect(classifyWay(tags({ highway: 'cycleway', access: 'no', foot: 'designated' }))).toBe('keep');
    expect(classifyWay(tags({ highway: 'primary', foot: 'yes', access: 'no' }))).toBe('keep');
  });
});

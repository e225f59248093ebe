// Decides from its OSM tags whether a way belongs to the walkable network.
// Reference: https://wiki.openstreetmap.org/wiki/Key:highway and Key:access / Key:foot.

/** highway=* values a pedestrian may walk along (roads without a foot ban included). */
export const WALKABLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'footway', 'path', 'pedestrian', 'steps', 'cycleway', 'living_street', 'residential', 'service',
  'unclassified', 'road', 'track', 'bridleway', 'corridor', 'platform', 'elevator',
  'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link',
]);

/** Why a highway way is dropped (or 'keep'); ways without highway=* are 'not-highway'. */
export type WayVerdict = 'keep' | 'not-highway' | 'not-walkable' | 'no-foot-access';

const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive']);
const FOOT_BANNED = new Set(['no', 'private', 'use_sidepath']);
const ACCESS_BANNED = new Set(['no', 'private']);

/**
 * Classifies a way by its tags. Dropped: motorway/trunk (+_link), construction, proposed and any
 * highway value not in WALKABLE_HIGHWAYS; foot=no|private|use_sidepath; access=no|private unless
 * foot=yes|designated|permissive.
 */
export function classifyWay(tags: ReadonlyMap<string, string>): WayVerdict {
  const highway = tags.get('highway');
  if (highway === undefined) return 'not-highway';
  if (!WALKABLE_HIGHWAYS.has(highway)) return 'not-walkable';
  const foot = tags.get('foot');
  if (foot !== undefined && FOOT_BANNED.has(foot)) return 'no-foot-access';
  const access = tags.get('access');
  if (access !== undefined && ACCESS_BANNED.has(access) && !(foot !== undefined && FOOT_ALLOWED.has(foot))) {
    return 'no-foot-access';
  }
  return 'keep';
}

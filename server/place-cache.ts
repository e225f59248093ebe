// Keeps the place index in memory and rebuilds it when what it is built from changes: before each
// use one cheap statement reads the sources' fingerprint (map_meta 'version', newest map_features
// and streets ids, districts, team bases), so an import by the CLI or by another server process
// on the same database is seen by the next request. Callers arriving together share one probe and one rebuild.
import type { Sql } from './db/sql.ts';
import type { AreaCache } from './deps.ts';
import { listBases, listDistricts } from './db/queries/districts.ts';
import { listMapPlaces, listNetworkStreetNames, placeSourceVersion } from './db/queries/places.ts';
import { makePlaceIndex, type PlaceIndex } from './domain/place-index.ts';
import { placeInputs } from './domain/place-sources.ts';
import { makePointNamer, type PointNamer } from './domain/place-names.ts';

export interface PlaceCache {
  /** The index, current as of a fingerprint read during this call. */
  current(): Promise<PlaceIndex>;
  /** The point namer over the current index ("Rydsvägen 12, vid Ryds centrum", or the fallback). */
  namer(): Promise<PointNamer>;
}

export function makePlaceCache(sql: Sql, area: AreaCache): PlaceCache {
  interface Entry {
    version: string;
    index: PlaceIndex;
    namer: PointNamer;
  }
  let cached: Entry | null = null;
  let running: Promise<Entry> | null = null;
  let queued: Promise<Entry> | null = null;

  async function build(version: string): Promise<Entry> {
    const [districts, bases, features, networkStreets, districtIndex] = await Promise.all([listDistricts(sql), listBases(sql), listMapPlaces(sql), listNetworkStreetNames(sql), area.index()]);
    const names = new Map(districts.map((d) => [d.id, d.name]));
    const index = makePlaceIndex(placeInputs({ districts, bases, features, networkStreets, locate: (lon, lat) => districtIndex.locate(lon, lat) }), (id) => names.get(id) ?? null);
    return { version, index, namer: makePointNamer(index, districtIndex) };
  }

  async function refresh(): Promise<Entry> {
    const version = await placeSourceVersion(sql);
    if (cached?.version === version) return cached;
    const next = await build(version);
    cached = next;
    return next;
  }

  /** A caller arriving while a probe is on the wire waits for the next one (which it shares with later arrivals). */
  function fresh(): Promise<Entry> {
    if (!running) {
      running = refresh().finally(() => (running = null));
      return running;
    }
    const next: Promise<Entry> = (queued ??= running.catch(() => null).then(() => {
      queued = null;
      return fresh();
    }));
    return next;
  }

  return {
    current: async () => (await fresh()).index,
    namer: async () => (await fresh()).namer,
  };
}

const perDatabase = new WeakMap<Sql, PlaceCache>();

/** The app's place cache: the one injected in deps, else one per database handle. */
export function placeCacheOf(deps: { sql: Sql; area: AreaCache; places?: PlaceCache | undefined }): PlaceCache {
  if (deps.places) return deps.places;
  let cache = perDatabase.get(deps.sql);
  if (!cache) perDatabase.set(deps.sql, (cache = makePlaceCache(deps.sql, deps.area)));
  return cache;
}

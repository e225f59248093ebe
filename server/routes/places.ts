// /api/places: search the area's streets, addresses, POIs, places, districts and team bases by
// name (prefix, case and å/ä/ö forgiving), and name the place nearest a point (reverse
// geocoding). Public — residents use it on the report form — and rate limited per address.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { guard, currentUser } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { resolveSecurity } from '../auth/options.ts';
import { placeCacheOf } from '../place-cache.ts';
import { searchPlaces, type Place } from '../domain/place-index.ts';
import { reversePlace } from '../domain/place-reverse.ts';
import { labelHit } from '../domain/place-names.ts';
import { PlaceCollection, PlaceSearchQuery, ReverseFeature, ReverseQuery } from '../schemas/places.ts';

const TAGS = ['places'];
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function placeFeature(p: Place) {
  return {
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [round6(p.lon), round6(p.lat)] as [number, number] },
    properties: {
      name: p.name,
      kind: p.kind,
      subkind: p.subkind ?? null,
      district: p.district,
      districtId: p.districtId,
      street: p.street ?? null,
      housenumber: p.housenumber ?? null,
      bbox: p.bbox.map(round6) as [number, number, number, number],
    },
  };
}

export function placeRoutes(deps: AppDeps) {
  const places = placeCacheOf(deps);
  const security = resolveSecurity(deps.security);
  const limits = security.rateLimits;
  const limiter = rateLimit(deps.sql, limits && { ...limits.placeSearch, now: deps.now, trustProxy: security.trustProxy, what: 'place searches', skip: (c) => currentUser(c) !== null });
  return new Hono()
    .get(
      '/',
      guard.public(),
      describe({
        summary: 'Search places by name',
        description:
          'Streets, addresses, POIs, places, named buildings, districts and team bases whose name (or one of its words) starts with q — case, å/ä/ö typed as a/o and punctuation ignored; ' +
          '"rydsvägen 12" finds the address. Best first: exact name, name prefix, word prefix, all words in any order; then by kind, name and house number.',
        tags: TAGS,
        responses: { 200: { description: 'FeatureCollection of places (points; bbox in properties)', schema: PlaceCollection, contentType: 'application/geo+json' }, 400: { description: 'Bad query' }, 429: { description: 'Too many searches from this address' } },
      }),
      limiter,
      validate('query', PlaceSearchQuery),
      async (c) => {
        const q = c.req.valid('query');
        const index = await places.current();
        const hits = searchPlaces(index, q.q, { limit: q.limit, ...(q.kinds ? { kinds: new Set(q.kinds) } : {}) });
        return c.json({ type: 'FeatureCollection' as const, features: hits.map((h) => placeFeature(h.place)) }, 200);
      },
    )
    .get(
      '/reverse',
      guard.public(),
      describe({
        summary: 'The place nearest a point',
        description: 'The nearest address, POI, named building or street (measured to the line) within maxDistM, with its distance and a label naming the landmark it is next to. Addresses and POIs win over a street less than 12 m nearer.',
        tags: TAGS,
        responses: { 200: { description: 'The place', schema: ReverseFeature, contentType: 'application/geo+json' }, 400: { description: 'Bad coordinates' }, 404: { description: 'Nothing named within maxDistM (code no-place-near)' }, 429: { description: 'Too many requests from this address' } },
      }),
      limiter,
      validate('query', ReverseQuery),
      async (c) => {
        const { lat, lon, maxDistM } = c.req.valid('query');
        const index = await places.current();
        const hit = reversePlace(index, lon, lat, { maxDistM });
        if (!hit) throw new HttpProblem(404, `Nothing named lies within ${maxDistM} m of ${lat}, ${lon}.`, { extensions: { code: 'no-place-near' } });
        const label = labelHit(index, hit, { lon, lat });
        const f = placeFeature(hit.place);
        return c.json({ ...f, properties: { ...f.properties, distanceM: Math.round(hit.distanceM * 10) / 10, label: label.sv, labelEn: label.en } }, 200);
      },
    );
}

// /api/sun: sunrise, sunset and civil twilight at the area's location for a date, as ISO times
// with the Stockholm offset, and the local hours the "Mörker" filter counts as after dark.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { guard } from '../http/guard.ts';
import { sunTimes } from '../domain/sun.ts';
import { toStockholmIso } from '../domain/route-schedule.ts';
import { SunQuery, SunResponse } from '../schemas/interventions.ts';
import { makeAreaDarkness } from './area-darkness.ts';

export function sunRoutes(deps: AppDeps) {
  const darkness = makeAreaDarkness(deps.area);
  return new Hono().get(
    '/sun',
    guard.public(),
    describe({
      summary: 'Sunrise, sunset and civil twilight',
      description: 'NOAA solar equations at the centre of the districts. darkHours: the local hours the "Mörker" time filter keeps (an hour is dark when its midpoint lies before sunrise or after sunset).',
      tags: ['analytics'],
      responses: { 200: { description: 'The day’s sun times', schema: SunResponse } },
    }),
    validate('query', SunQuery),
    async (c) => {
      const { date } = c.req.valid('query');
      const loc = await darkness.location();
      const cal = await darkness.calendar();
      const t = sunTimes(date, loc.lat, loc.lon);
      const iso = (ms: number | null) => (ms === null ? null : toStockholmIso(ms));
      const mask = cal.darkMask(date);
      return c.json(
        {
          date, lat: loc.lat, lon: loc.lon, sunrise: iso(t.sunrise), sunset: iso(t.sunset), civilDawn: iso(t.civilDawn), civilDusk: iso(t.civilDusk),
          darkHours: Array.from({ length: 24 }, (_, h) => h).filter((h) => (mask >> h) & 1),
        },
        200,
      );
    },
  );
}

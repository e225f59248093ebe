// zod schemas for /api/routes: suggestion request, path request, saved routes, their responses.
import { z } from 'zod';

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
export const LonLat = z.tuple([Lon, Lat]).describe('[lon, lat] WGS84');
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24 h)');
const Cell = z.string().regex(/^[0-9a-f]{15,16}$/);
const Graph = z.enum(['streets', 'hex-grid']);
const Iso = z.string().describe('ISO 8601 with the Europe/Stockholm offset');

export const LineStringSchema = z.object({ type: z.literal('LineString'), coordinates: z.array(LonLat).min(2).max(20000) });

export const SuggestBody = z
  .object({
    district: z.string().min(1).max(60),
    date: z.iso.date(),
    start: Hhmm.default('18:00'),
    end: Hhmm.default('23:00'),
    teams: z.number().int().min(1).max(3).default(1),
    speedKmh: z.number().min(2).max(8).default(4.5).describe('walking speed, km/h'),
    stopsPerTeam: z.number().int().min(2).max(5).default(4),
    dwellMin: z.number().min(10).max(15).default(12).describe('minutes at each stop'),
    revisitMin: z.number().int().min(30).max(240).default(120).describe('a top cell is revisited within this many minutes when the shift allows'),
    preferLit: z.boolean().default(false),
    afterDark: z.boolean().default(false).describe('"Mörker": risk from the reports filed in hours after dark only'),
    seed: z.number().int().min(0).max(2147483647).default(1),
    startPoint: LonLat.optional().describe('start and end here instead of the team base'),
    base: z.string().max(60).optional().describe('team base id (default: the district’s base)'),
  })
  .strict();

const SuggestedStop = z.object({
  cell: Cell, place: z.string(), lon: Lon, lat: Lat, arrival: Iso, departure: Iso,
  risk: z.number().describe('risk of the cell at the hour of the visit'), visit: z.number().int().describe('1 first visit, 2 revisit'),
});

export const SuggestResponse = z.object({
  district: z.string(),
  graph: Graph,
  note: z.string().nullable().describe('plain words about the graph or the data, e.g. routes follow the hex grid'),
  base: z.object({ id: z.string().nullable(), name: z.string(), lon: Lon, lat: Lat }),
  candidates: z.number().int(),
  experiment: z
    .object({ ids: z.array(z.string()), treatmentCells: z.array(Cell), visitsPerEvening: z.number().int(), visitMin: z.number().int() })
    .nullable()
    .describe('running patrol-dosage experiments: their treatment cells are prescribed stops; their control cells are never suggested'),
  routes: z.array(
    z.object({
      team: z.number().int(), stops: z.array(SuggestedStop), geometry: LineStringSchema,
      lengthM: z.number(), walkingMin: z.number(), value: z.number(), departure: Iso, returnAt: Iso,
    }),
  ),
});

export const PathBody = z
  .object({
    waypoints: z.array(LonLat).min(2).max(100),
    district: z.string().max(60).optional().describe('default: the district of the first waypoint'),
    preferLit: z.boolean().default(false),
  })
  .strict();

export const PathResponse = z.object({
  district: z.string(),
  graph: Graph,
  note: z.string().nullable(),
  waypoints: z.array(LonLat).describe('the waypoints snapped onto the network'),
  legs: z.array(z.object({ coordinates: z.array(LonLat), lengthM: z.number() })),
  lengthM: z.number(),
});

export const Waypoint = z.object({
  lon: Lon,
  lat: Lat,
  stop: z.boolean().default(false),
  dwellMin: z.number().min(0).max(120).default(0),
  cell: Cell.nullable().optional(),
  place: z.string().max(200).nullable().optional(),
});

export const RouteBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    team: z.string().trim().max(60).nullable().optional(),
    district: z.string().max(60).nullable().optional(),
    date: z.iso.date(),
    start: Hhmm,
    end: Hhmm,
    speedKmh: z.number().min(2).max(8).default(4.5),
    waypoints: z.array(Waypoint).min(2).max(200),
    geometry: LineStringSchema.nullable().optional().describe('kept only where no walking graph is available; otherwise recomputed'),
    source: z.enum(['drawn', 'suggested', 'imported']).default('drawn'),
    preferLit: z.boolean().default(false),
  })
  .strict();

export const RouteDto = z.object({
  id: z.string(), name: z.string(), team: z.string().nullable(), district: z.string().nullable(), date: z.string(),
  start: z.string(), end: z.string(), speedKmh: z.number(),
  waypoints: z.array(z.object({ lon: Lon, lat: Lat, stop: z.boolean(), dwellMin: z.number(), cell: z.string().nullable().optional(), place: z.string().nullable().optional() })),
  geometry: LineStringSchema.nullable(),
  schedule: z.array(z.object({ index: z.number().int(), cell: z.string().nullable(), place: z.string().nullable(), arrival: Iso, departure: Iso })),
  lengthM: z.number(), walkingMin: z.number(), graph: Graph, source: z.enum(['drawn', 'suggested', 'imported']),
  createdBy: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});

export const RouteList = z.object({ routes: z.array(RouteDto) });
export const RouteIdParam = z.object({ id: z.uuid() });
export const RouteQuery = z.object({ date: z.iso.date().optional(), team: z.string().max(60).optional(), district: z.string().max(60).optional() });
export const ImportGpxQuery = z.object({
  name: z.string().max(120).optional(), team: z.string().max(60).optional(), district: z.string().max(60).optional(),
  date: z.iso.date().optional(), start: Hhmm.optional(), end: Hhmm.optional(),
});

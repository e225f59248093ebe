// Zod schemas for patrol tracks: starting, point batches, imports, lists and presence.
import { z } from 'zod';
import { csvList, instant } from './common.ts';
import { heatFilterFields } from './analytics.ts';

/** Most fixes accepted in one batch (a phone sends one every ~10 s; an hour is 360). */
export const MAX_BATCH_POINTS = 5000;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');
const localDate = z.iso.date();

export const Shift = z.strictObject({
  date: localDate.describe('Local date of the shift (Europe/Stockholm), YYYY-MM-DD'),
  start: hhmm.optional().describe('Planned start, HH:MM local'),
  end: hhmm.optional().describe('Planned end, HH:MM local'),
});

export const TrackPointIn = z.strictObject({
  t: z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]).describe('Time of the fix: epoch milliseconds or ISO 8601 with offset'),
  lat: z.number().min(-90).max(90).describe('Latitude, WGS84 degrees'),
  lon: z.number().min(-180).max(180).describe('Longitude, WGS84 degrees'),
  acc: z.number().min(0).max(100_000).nullish().describe('Horizontal accuracy in metres (68 % radius)'),
});

export const NewTrack = z.strictObject({
  team: z.string().min(1).max(64).optional().describe("Team id; defaults to the caller's team"),
  shift: Shift.optional().describe("The shift the patrol belongs to; defaults to today's date"),
  startedAt: z.iso.datetime({ offset: true }).optional().describe('When the patrol started; defaults to now'),
});

export const PointBatch = z.strictObject({
  points: z.array(TrackPointIn).min(1).max(MAX_BATCH_POINTS).describe(`1–${MAX_BATCH_POINTS} fixes, in any order; repeats are ignored`),
});

export const TrackIdParam = z.object({ id: z.uuid({ message: 'id must be a UUID' }) });

export const ImportQuery = z.object({
  team: z.string().min(1).max(64).optional().describe("Team id; defaults to the caller's team"),
  shiftStart: hhmm.optional(),
  shiftEnd: hhmm.optional(),
});

export const TrackListQuery = z.object({
  team: z.string().max(64).optional().describe('Only this team (must be your own unless you may read all teams)'),
  from: instant(false).optional(),
  to: instant(true).optional(),
  open: z.enum(['true', 'false']).optional().describe('Only patrols still on'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const DiscardCounts = z.object({ invalid: z.number().int(), duplicate: z.number().int(), accuracy: z.number().int(), jump: z.number().int() });

export const Track = z.object({
  id: z.uuid(),
  team: z.string(),
  userId: z.string().nullable(),
  shift: z.object({ date: z.string(), start: z.string().nullable(), end: z.string().nullable() }),
  source: z.string().describe('live, gpx or geojson'),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  pointCount: z.number().int().describe('Stored fixes'),
  discardedCount: z.number().int().describe('Fixes refused or not used: outside the area, impossible jumps, poor accuracy'),
  outsideCount: z.number().int().describe('Fixes outside the districts (+200 m), never stored'),
  reduced: z.boolean().describe('Raw fixes deleted after the retention period; only presence remains'),
});

export const TrackList = z.object({ items: z.array(Track) });

export const AppendResult = z.object({
  accepted: z.number().int().describe('New fixes stored'),
  duplicates: z.number().int().describe('Fixes already stored (repeated uploads)'),
  outside: z.number().int().describe('Fixes outside the districts (+200 m): not stored'),
  discarded: DiscardCounts.describe('Over the whole track: fixes not used for presence'),
  pointCount: z.number().int(),
  cells: z.number().int().describe('Cells with presence so far'),
});

export const TrackWithPoints = Track.extend({
  points: z.array(z.object({ t: z.string(), lat: z.number(), lon: z.number(), acc: z.number().nullable() })),
});

export const Presence = z.object({
  trackId: z.uuid(),
  cells: z.array(z.object({ cell: z.string().describe('H3 res-10 cell (hex)'), minutes: z.number(), isStop: z.boolean().describe('A visit lasted at least the minimum dwell (3 min)') })),
});

export const ImportResult = Track.extend({ name: z.string().nullable(), discarded: DiscardCounts, cells: z.number().int() });

// ---- Coverage analytics: coverage, gaps, alerts, fairness, plan against actual ----

export const CoverageQuery = z.object({
  from: localDate.optional().describe('First local date (default: 4 weeks before today)'),
  to: localDate.optional().describe('Last local date (default: today)'),
  days: heatFilterFields.days,
  hours: heatFilterFields.hours,
  slots: heatFilterFields.slots,
  districts: heatFilterFields.districts,
  teams: csvList(z.string().max(64)).optional().describe('Team ids, comma-separated'),
});

export const CoverageResponse = z.object({
  from: z.string(),
  to: z.string(),
  totalMinutes: z.number(),
  cells: z.array(z.object({ cell: z.string(), minutes: z.number(), stopMinutes: z.number(), lastVisitAt: z.string() })),
});

const { res: _res, ...needFields } = heatFilterFields;
export const GapsQuery = z.object({
  ...needFields,
  weeks: z.coerce.number().int().min(1).max(52).default(4).describe('Presence is summed over this many weeks up to today'),
  needWeeks: z.coerce.number().int().min(1).max(104).default(12).describe('Need is summed over this many weeks (unless from/to are given)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const Text = z.object({ sv: z.string(), en: z.string() });
const Band = z.object({ startHow: z.number().int().describe('Hour of the week the hot band starts (0 = Monday 00)'), hours: z.number().int() });

export const GapsResponse = z.object({
  presenceFrom: z.string(),
  presenceTo: z.string(),
  needFrom: z.string(),
  needTo: z.string(),
  cells: z.array(
    z.object({
      cell: z.string(),
      need: z.number().describe('Report weight in the chosen hours'),
      needShare: z.number(),
      presenceMin: z.number(),
      presenceShare: z.number(),
      bandPresenceMin: z.number(),
      gap: z.number().describe('needShare − presenceShare; larger means more neglected'),
      level: z.enum(['high', 'elevated', 'moderate']),
      band: Band,
      place: Text,
      text: Text,
    }),
  ),
});

export const AlertsQuery = z.object({
  top: z.coerce.number().int().min(1).max(100).default(10).describe('How many top cells by need to watch'),
  revisitMin: z.coerce.number().int().min(10).max(600).default(120).describe('A top cell should be visited this often during its hot band'),
  needWeeks: z.coerce.number().int().min(1).max(104).default(12),
  districts: heatFilterFields.districts,
});

export const AlertsResponse = z.object({
  now: z.string(),
  alerts: z.array(
    z.object({
      cell: z.string(),
      status: z.enum(['overdue', 'due', 'upcoming', 'ok']),
      band: Band,
      bandStart: z.string(),
      bandEnd: z.string(),
      lastVisitAt: z.string().nullable(),
      minutesSinceVisit: z.number().nullable(),
      text: Text,
    }),
  ),
});

export const FairnessQuery = z.object({
  from: localDate.optional().describe('Default: 8 weeks before today'),
  to: localDate.optional(),
  districts: heatFilterFields.districts,
});

export const FairnessResponse = z.object({
  from: z.string(),
  to: z.string(),
  cells: z.array(
    z.object({
      cell: z.string(),
      patrolHours: z.number(),
      patrolReports: z.number().int().describe('Reports discovered on patrol'),
      otherReports: z.number().int().describe("Residents', partners' and other reports"),
      patrolReportsPerHour: z.number().nullable(),
      otherReportsPerHour: z.number().nullable(),
    }),
  ),
});

export const RouteIdParam = z.object({ id: z.uuid({ message: 'id must be a UUID' }) });

export const PlanActualResponse = z.object({
  routeId: z.uuid(),
  name: z.string(),
  team: z.string().nullable(),
  tracks: z.number().int(),
  reducedTracks: z.number().int().describe('Tracks past retention: their fixes are gone, so stops cannot be timed'),
  stops: z.array(
    z.object({
      index: z.number().int(),
      cell: z.string(),
      place: z.string().nullable(),
      reached: z.boolean(),
      plannedArrival: z.string().nullable(),
      actualArrival: z.string().nullable(),
      lateMin: z.number().nullable(),
      dwellMin: z.number(),
      dwellKept: z.boolean().describe('Stayed at least 10 minutes'),
    }),
  ),
});

// Synthetic demo reports with the shape real data has (evening/weekend peaks, persistent
// hotspots, hour-dependent category mixes, seasons), from a seeded PRNG: same seed, same reports.
import { centerOfMass } from '@turf/turf';
import { makeDistrictIndex, type DistrictShape } from './district-index.ts';
import type { CategoryCode } from './categories.ts';
import type { ReportInput } from './report.ts';

export interface DemoBase {
  name: string;
  districtId: string | null;
  lon: number;
  lat: number;
}

export interface DemoStreet {
  coords: readonly (readonly [number, number])[];
  name?: string | null;
  highway?: string | null;
  districtId?: string | null;
}

export interface DemoOptions {
  districts: readonly DistrictShape[];
  bases: readonly DemoBase[];
  /** Walkable network; when given, path hotspots and half the background lie on it. */
  streets?: readonly DemoStreet[] | undefined;
  count: number;
  seed: number;
  /** The newest report is no later than this instant (ms since epoch). */
  nowMs: number;
  /** How far back reports go, in months. */
  months?: number;
}

export type DemoReport = ReportInput & { source: 'demo' };

// --- seeded randomness: sfc32 (Chris Doty-Humphrey's PractRand "small fast counting" generator)

export function makeRandom(seed: number): () => number {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

function pickIndex(cumulative: ArrayLike<number>, r: number): number {
  const target = r * cumulative[cumulative.length - 1]!;
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

// --- Europe/Stockholm local time (DST through Intl; no time zone library needed)

const stockholm = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
});

/** Wall-clock parts of an instant in Europe/Stockholm; month 1–12, weekday 0 = Sunday. */
export function stockholmParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const p: Record<string, number> = {};
  for (const part of stockholm.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = p;
  return { year, month, day, hour, minute, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** The instant of a Stockholm wall-clock time; a time skipped by the spring change moves forward an hour. */
export function stockholmToUtcMs(year: number, month: number, day: number, hour: number, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (ms: number) => {
    const p = stockholmParts(ms);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 60000) * 60000;
  };
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

// --- when: hourly weights per profile, per day of the period

type Profile = 'background' | 'centre' | 'path' | 'night' | 'spot';

/** Relative intensity of a profile at a local hour; `nightOf` is the weekday the night began (00–04 count to the day before). */
function intensity(profile: Profile, nightOf: number, hour: number, month: number, isSchoolBreak: boolean): number {
  const friSat = nightOf === 5 || nightOf === 6;
  const evening = hour >= 19 || hour < 1;
  const summer = month >= 6 && month <= 8;
  const season = (evening ? (summer ? 1.5 : month === 12 || month <= 2 ? 0.75 : 1) : 1) * (summer ? 1.1 : 1);
  const weekday = nightOf >= 1 && nightOf <= 5 && hour >= 5;
  let w: number;
  switch (profile) {
    case 'background':
      w = hour < 5 ? 0.25 : hour < 10 ? 0.6 : hour < 15 ? 0.8 : hour < 19 ? 1 : 1.5;
      if (friSat && evening) w *= 2.2;
      break;
    case 'centre':
      w = evening ? (friSat ? 12 : 2) : hour >= 15 ? 1 : hour >= 10 ? 0.4 : 0.1;
      break;
    case 'path':
      w = weekday && hour >= 14 && hour < 18 ? (isSchoolBreak ? 1.5 : 9) : evening ? 1.2 : hour >= 5 && hour < 22 ? 0.4 : 0.05;
      break;
    case 'night':
      w = hour >= 22 || hour < 4 ? (friSat ? 8 : 3) : hour >= 6 && hour < 9 ? 1 : 0.1;
      break;
    case 'spot':
      w = evening ? (friSat ? 5 : 2) : hour >= 15 ? 1 : 0.3;
      break;
  }
  return w * season;
}

interface Slot {
  /** Start of the local hour (ms), NaN when the hour does not exist or is not over yet. */
  startMs: number;
  day: number;
  hour: number;
  month: number;
  weekday: number;
}

function buildSlots(nowMs: number, months: number): Slot[] {
  const today = stockholmParts(nowMs);
  const days = Math.round((months * 365.25) / 12);
  const slots: Slot[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    for (let hour = 0; hour < 24; hour++) {
      const startMs = stockholmToUtcMs(y, m, d, hour);
      // A wall hour skipped by the spring change and hours not yet over get no reports.
      const exists = stockholmParts(startMs).hour === hour && startMs + 3600_000 <= nowMs;
      slots.push({ startMs: exists ? startMs : NaN, day: d, hour, month: m, weekday: date.getUTCDay() });
    }
  }
  return slots;
}

function slotTable(slots: readonly Slot[], profile: Profile): Float64Array {
  return cumulate(slots.map((s) => {
    if (Number.isNaN(s.startMs)) return 0;
    const nightOf = s.hour < 5 ? (s.weekday + 6) % 7 : s.weekday;
    const schoolBreak = (s.month === 6 && s.day > 12) || s.month === 7 || (s.month === 8 && s.day < 18);
    return intensity(profile, nightOf, s.hour, s.month, schoolBreak);
  }));
}

// --- what: category mix by hour, profile and month

type Mix = Partial<Record<CategoryCode, number>>;

const MIX_BY_HOUR: readonly [untilHour: number, mix: Mix][] = [
  [5, { brand: 2, skadegorelse: 3, ordningsstorning: 2, 'hot-vald': 0.7, narkotika: 1, 'otrygg-plats': 1 }],
  [10, { nedskrapning: 4, klotter: 3, skadegorelse: 3, 'otrygg-plats': 1, ovrigt: 1 }],
  [15, { nedskrapning: 2, 'otrygg-plats': 2, ovrigt: 2, klotter: 1, skadegorelse: 1 }],
  [19, { 'otrygghetsskapande-samling': 3, ordningsstorning: 2, narkotika: 1, 'hot-vald': 1, skadegorelse: 1, nedskrapning: 1 }],
  [24, { 'otrygghetsskapande-samling': 4, ordningsstorning: 4, narkotika: 2, 'hot-vald': 1, brand: 0.4, skadegorelse: 1, 'otrygg-plats': 1 }],
];

const PROFILE_BIAS: Record<Profile, Mix> = {
  background: {},
  centre: { 'otrygghetsskapande-samling': 2.5, ordningsstorning: 1.5, narkotika: 1.5 },
  path: { 'otrygghetsskapande-samling': 1.5, 'otrygg-plats': 2.5, klotter: 1.5 },
  night: { brand: 2.5, skadegorelse: 2, klotter: 1.5 },
  spot: { narkotika: 2, 'hot-vald': 1.2 },
};

/** How much more often a dark, overgrown or unlit place is reported, by month (Linköping's daylight). */
const DARKNESS = [0, 2.5, 1.8, 1.2, 0.8, 0.4, 0.4, 0.4, 0.8, 1.2, 1.8, 2.5, 3];

function categoryTable(hour: number, month: number, profile: Profile): { codes: CategoryCode[]; cum: Float64Array } {
  const mix = MIX_BY_HOUR.find(([until]) => hour < until)![1];
  const codes = Object.keys(mix) as CategoryCode[];
  return {
    codes,
    cum: cumulate(codes.map((c) => mix[c]! * (PROFILE_BIAS[profile][c] ?? 1) * (c === 'otrygg-plats' ? DARKNESS[month]! : 1))),
  };
}

const DESCRIPTIONS: Record<CategoryCode, readonly string[]> = {
  skadegorelse: ['Krossad ruta i busskuren.', 'Sönderslagen belysningsstolpe.', 'Cykelställ förstört.', 'Sparkad dörr till soprummet.'],
  klotter: ['Nytt klotter på gavelväggen.', 'Taggar på elskåpet.', 'Klotter i gångtunneln.'],
  brand: ['Brand i papperskorg.', 'Containerbrand, räddningstjänsten på plats.', 'Brinnande soptunna.'],
  ordningsstorning: ['Högljudd grupp, musik sent.', 'Bråk utanför entrén.', 'Smällare mot fasaden.'],
  'otrygghetsskapande-samling': ['Grupp ungdomar samlas vid entrén varje kväll.', 'Samling vid parkeringen, boende känner sig otrygga.', 'Mopeder och samling vid torget.'],
  narkotika: ['Misstänkt langning vid gångvägen.', 'Hittade sprutor i buskaget.', 'Lukt av cannabis i trapphuset.'],
  'hot-vald': ['Hot mot personal i butiken.', 'Slagsmål mellan två personer.', 'Förbipasserande hotad.'],
  'otrygg-plats': ['Trasig gatubelysning på gångvägen.', 'Mörkt och igenvuxet längs stigen.', 'Sly skymmer sikten vid tunneln.', 'Lampan i gångtunneln är släckt.'],
  nedskrapning: ['Mycket skräp efter natten.', 'Nedskräpat vid återvinningsstationen.', 'Glasskärvor på lekplatsen.'],
  ovrigt: ['Övergiven cykel.', 'Kundvagnar i diket.', 'Skylt nedriven.'],
};

// --- where: hotspots per district and background points

interface Stream {
  districtId: string;
  profile: Profile;
  weight: number;
  place: string | null;
  /** A point known to lie in the district, used when retries fail. */
  fallback: [number, number];
  /** A point of this stream (retried until it lies in its district). */
  point(rnd: () => number): [number, number];
}

const M_PER_DEG = 111_320;

function around([lon, lat]: readonly [number, number], sigmaM: number, rnd: () => number): [number, number] {
  return [lon + (gaussian(rnd) * sigmaM) / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), lat + (gaussian(rnd) * sigmaM) / M_PER_DEG];
}

function alongLine(coords: DemoStreet['coords'], rnd: () => number): [number, number] {
  const i = Math.min(coords.length - 2, Math.floor(rnd() * (coords.length - 1)));
  const a = coords[Math.max(0, i)]!, b = coords[Math.max(0, i) + 1] ?? a, t = rnd();
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

function lineLengthM(coords: DemoStreet['coords']): number {
  let m = 0;
  for (let i = 1; i < coords.length; i++) {
    const [a, b] = [coords[i - 1]!, coords[i]!];
    m += Math.hypot((b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180), b[1] - a[1]) * M_PER_DEG;
  }
  return m;
}

function makeStreams(opts: DemoOptions, locate: (lon: number, lat: number) => string | null, rnd: () => number): Stream[] {
  const streams: Stream[] = [];
  for (const d of opts.districts) {
    const base = opts.bases.find((b) => b.districtId === d.id && locate(b.lon, b.lat) === d.id);
    const com = centerOfMass(d.geometry).geometry.coordinates as [number, number];
    const centre: [number, number] = base ? [base.lon, base.lat] : com;
    const box = bboxOf(d);
    const inside = () => [box[0] + rnd() * (box[2] - box[0]), box[1] + rnd() * (box[3] - box[1])] as [number, number];
    const interiorPoint = (): [number, number] => {
      for (let i = 0; i < 1000; i++) { const p = inside(); if (locate(p[0], p[1]) === d.id) return p; }
      return centre;
    };
    const streets = (opts.streets ?? []).filter((s) => s.coords.length >= 2 && (s.districtId ? s.districtId === d.id : locate(s.coords[0]![0], s.coords[0]![1]) === d.id));
    const streetCum = cumulate(streets.map((s) => lineLengthM(s.coords)));
    const streetPoint = () => alongLine(streets[pickIndex(streetCum, rnd())]!.coords, rnd);
    // Path hotspot: a footpath-like street 250–900 m from the centre, or a synthetic 300 m stretch.
    const candidates = streets.filter((s) => lineLengthM(s.coords) >= 60 && !s.name && (!s.highway || /foot|path|cycle|pedestrian/.test(s.highway)))
      .filter((s) => { const dM = lineLengthM([centre, s.coords[0]!]); return dM > 250 && dM < 900; });
    const pathStart = around(centre, 450, rnd);
    const pathLine: DemoStreet['coords'] = candidates.length
      ? candidates[Math.floor(rnd() * candidates.length)]!.coords
      : [pathStart, around(pathStart, 150, rnd)];
    const spots = [interiorPoint(), interiorPoint()] as const;
    const fallback = interiorPoint();
    const name = base?.name ?? d.name;
    const stream = (profile: Profile, weight: number, place: string | null, point: Stream['point']): Stream => ({ districtId: d.id, profile, weight, place, fallback, point });
    streams.push(
      stream('background', 1, null, () => (streets.length && rnd() < 0.5 ? around(streetPoint(), 10, rnd) : inside())),
      stream('centre', 0.5, name, () => around(centre, 45, rnd)),
      stream('path', 0.3, `gångvägen i ${d.name}`, () => around(alongLine(pathLine, rnd), 12, rnd)),
      stream('night', 0.2, null, () => around(spots[0], 35, rnd)),
      stream('spot', 0.15, null, () => around(spots[1], 40, rnd)),
    );
  }
  return streams;
}

function bboxOf(d: DistrictShape): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = d.geometry.type === 'Polygon' ? d.geometry.coordinates : d.geometry.coordinates.flat();
  for (const ring of rings) for (const [x, y] of ring as [number, number][]) {
    box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y); box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
  }
  return box;
}

// --- the generator

/** Yields `count` demo reports one at a time (1,000,000 need no array). */
export function* iterateDemoReports(opts: DemoOptions): Generator<DemoReport> {
  const rnd = makeRandom(opts.seed);
  const { locate } = makeDistrictIndex(opts.districts);
  const streams = makeStreams(opts, locate, rnd);
  const streamCum = cumulate(streams.map((s) => s.weight));
  const slots = buildSlots(opts.nowMs, opts.months ?? 12);
  const profiles: Profile[] = ['background', 'centre', 'path', 'night', 'spot'];
  const slotCum = new Map(profiles.map((p) => [p, slotTable(slots, p)]));
  const catTables = new Map<string, ReturnType<typeof categoryTable>>();

  for (let i = 0; i < opts.count; i++) {
    const stream = streams[pickIndex(streamCum, rnd())]!;
    // Coordinates are rounded to 6 decimals (~0.1 m) before the district check, as they are stored.
    const draw = (p: [number, number]): [number, number] => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
    let point = draw(stream.point(rnd));
    for (let tries = 1; tries <= 31 && locate(point[0], point[1]) !== stream.districtId; tries++) point = draw(tries < 30 ? stream.point(rnd) : stream.fallback);
    const slotIndex = pickIndex(slotCum.get(stream.profile)!, rnd());
    const slot = slots[slotIndex]!;
    const key = `${slot.hour}:${slot.month}:${stream.profile}`;
    let table = catTables.get(key);
    if (!table) catTables.set(key, (table = categoryTable(slot.hour, slot.month, stream.profile)));
    const category = table.codes[pickIndex(table.cum, rnd())]!;
    const at = new Date(slot.startMs + Math.floor(rnd() * 3600) * 1000);

    const report: DemoReport = {
      category, source: 'demo',
      lon: point[0], lat: point[1],
      observedAt: at,
      description: null,
    };
    // Found in the morning: "some time since last night" (or since Friday, found on a Monday).
    const foundLater = slot.hour >= 6 && slot.hour < 11 && /nedskrapning|klotter|skadegorelse|brand/.test(category);
    if (foundLater && rnd() < 0.7) {
      const since = slot.weekday === 1 && rnd() < 0.3 ? slotIndex - 24 * 3 - slot.hour + 16 : slotIndex - slot.hour - 2;
      const fromMs = slots[since]?.startMs;
      if (fromMs !== undefined && !Number.isNaN(fromMs)) {
        report.observedAt = undefined;
        report.observedFrom = new Date(fromMs);
        report.observedTo = at;
      }
    }
    if (rnd() < 0.35) {
      const texts = DESCRIPTIONS[category];
      const text = texts[Math.floor(rnd() * texts.length)]!;
      report.description = stream.place && rnd() < 0.5 ? `${text} (${stream.place})` : text;
    }
    if (report.observedAt === undefined) delete report.observedAt;
    yield report;
  }
}

/** All `count` demo reports as an array. */
export function generateDemoReports(opts: DemoOptions): DemoReport[] {
  return [...iterateDemoReports(opts)];
}

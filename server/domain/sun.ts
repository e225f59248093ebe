// Sunrise, sunset and civil twilight by NOAA's solar equations (the NOAA Global Monitoring
// Laboratory's Solar Calculator, after Meeus, "Astronomical Algorithms", 1991): the sun's
// declination and the equation of time at the event, refined once at the event's own instant.
// Sunrise/sunset: the sun's centre 0.833° below the horizon (refraction + its radius); civil
// twilight: 6° below.

export interface SunTimes {
  /** Epoch ms of each event on the local date, or null when the sun never crosses that altitude. */
  sunrise: number | null;
  sunset: number | null;
  civilDawn: number | null;
  civilDusk: number | null;
}

const RAD = Math.PI / 180;
const ZENITH_SUN = 90.833;
const ZENITH_CIVIL = 96;

/** Declination (degrees) and equation of time (minutes) at Julian day jd. */
function solar(jd: number): { decl: number; eqTime: number } {
  const t = (jd - 2451545) / 36525;
  const l0 = (((280.46646 + t * (36000.76983 + 0.0003032 * t)) % 360) + 360) % 360;
  const m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const c = Math.sin(m * RAD) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.sin(2 * m * RAD) * (0.019993 - 0.000101 * t) + Math.sin(3 * m * RAD) * 0.000289;
  const omega = 125.04 - 1934.136 * t;
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega * RAD);
  const eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const eps = eps0 + 0.00256 * Math.cos(omega * RAD);
  const decl = Math.asin(Math.sin(eps * RAD) * Math.sin(lambda * RAD)) / RAD;
  const y = Math.tan((eps / 2) * RAD) ** 2;
  const eqTime =
    (4 / RAD) *
    (y * Math.sin(2 * l0 * RAD) - 2 * e * Math.sin(m * RAD) + 4 * e * y * Math.sin(m * RAD) * Math.cos(2 * l0 * RAD) - 0.5 * y * y * Math.sin(4 * l0 * RAD) - 1.25 * e * e * Math.sin(2 * m * RAD));
  return { decl, eqTime };
}

/** UTC minutes after 00:00 UTC of the date for the event, or null (no crossing). */
function eventMin(dayMs: number, lat: number, lon: number, zenith: number, rising: boolean): number | null {
  let min = 720;
  for (let pass = 0; pass < 3; pass++) {
    const jd = (dayMs + min * 60000) / 86_400_000 + 2440587.5;
    const { decl, eqTime } = solar(jd);
    const cosHa = Math.cos(zenith * RAD) / (Math.cos(lat * RAD) * Math.cos(decl * RAD)) - Math.tan(lat * RAD) * Math.tan(decl * RAD);
    if (cosHa > 1 || cosHa < -1) return null;
    const ha = Math.acos(cosHa) / RAD;
    min = 720 - 4 * (lon + (rising ? ha : -ha)) - eqTime;
  }
  return min;
}

/**
 * The day's events at a place on a calendar date. Events are solved on that UTC day, which is the
 * local day too wherever they fall between 00:00 and 24:00 UTC (all of Sweden all year).
 */
export function sunTimes(date: string, lat: number, lon: number): SunTimes {
  const dayMs = Date.parse(`${date}T00:00:00Z`);
  const at = (zenith: number, rising: boolean) => {
    const m = eventMin(dayMs, lat, lon, zenith, rising);
    return m === null ? null : Math.round(dayMs + m * 60000);
  };
  return { sunrise: at(ZENITH_SUN, true), sunset: at(ZENITH_SUN, false), civilDawn: at(ZENITH_CIVIL, true), civilDusk: at(ZENITH_CIVIL, false) };
}

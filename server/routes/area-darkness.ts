// The darkness calendar at the area's location (the centre of the districts' bounding box,
// Linköping's centre when no district is loaded), rebuilt when the district index changes.
import { bbox as turfBbox } from '@turf/turf';
import type { AreaCache } from '../deps.ts';
import type { DistrictIndex } from '../domain/district-index.ts';
import { LINKOPING, makeDarknessCalendar, type DarknessCalendar } from '../domain/darkness.ts';

export interface AreaDarkness {
  location(): Promise<{ lat: number; lon: number }>;
  calendar(): Promise<DarknessCalendar>;
}

export function areaLocation(index: DistrictIndex): { lat: number; lon: number } {
  if (!index.districts.length) return { ...LINKOPING };
  const boxes = index.districts.map((d) => turfBbox(d.geometry));
  const [w, s, e, n] = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
  return { lat: (s + n) / 2, lon: (w + e) / 2 };
}

export function makeAreaDarkness(area: AreaCache): AreaDarkness {
  let last: { index: DistrictIndex; loc: { lat: number; lon: number }; cal: DarknessCalendar } | null = null;
  const current = async () => {
    const index = await area.index();
    if (!last || last.index !== index) {
      const loc = areaLocation(index);
      last = { index, loc, cal: makeDarknessCalendar(loc.lat, loc.lon) };
    }
    return last;
  };
  return { location: async () => (await current()).loc, calendar: async () => (await current()).cal };
}

// The name of the place at a point (reverse geocoding), fetched when the point changes:
// "Rydsvägen 12, vid Ryds centrum". Undefined while loading or when nothing named is near.
import { createResource } from 'solid-js';
import { reverseName } from '../api/places-api.ts';
import type { Lang } from '../i18n/messages.ts';

export function createPlaceName(point: () => { lat: number; lon: number } | null, lang: () => Lang) {
  const [found] = createResource(point, (p) => reverseName(p.lat, p.lon));
  return () => {
    const f = found();
    return f ? (lang() === 'en' ? f.properties.labelEn : f.properties.label) : undefined;
  };
}

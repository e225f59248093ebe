// The shareable view state (filters, map view, language) and its URL query-string form. Pure.
import { DEFAULT_LANG, isLang } from '../i18n/messages.ts';
import type { Lang } from '../i18n/messages.ts';
import { isCalendarDate } from './date-range.ts';

export interface Filters {
  /** District ids; empty means all. */
  districts: string[];
  /** Category codes; empty means all. */
  categories: string[];
  /** First day (YYYY-MM-DD, Stockholm) or null for the default range. */
  from: string | null;
  /** Last day, inclusive, or null for today. */
  to: string | null;
}

export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

export interface UrlState {
  filters: Filters;
  view: MapView | null;
  lang: Lang;
}

export const EMPTY_FILTERS: Filters = { districts: [], categories: [], from: null, to: null };

const CODE_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function parseList(value: string | null): string[] {
  if (!value) return [];
  const items = value.split(',').map((s) => s.trim()).filter((s) => CODE_RE.test(s));
  return [...new Set(items)].sort();
}

function parseDate(value: string | null): string | null {
  return value && isCalendarDate(value) ? value : null;
}

/** "zoom/lat/lon", as in OpenStreetMap's URLs. */
function parseView(value: string | null): MapView | null {
  if (!value) return null;
  const nums = value.split('/').map(Number);
  if (nums.length !== 3 || nums.some((n) => !Number.isFinite(n))) return null;
  const [zoom, lat, lon] = nums as [number, number, number];
  if (zoom < 0 || zoom > 22 || lat < -85 || lat > 85 || lon < -180 || lon > 180) return null;
  return { zoom, lat, lon };
}

export function parseUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const lang = p.get('lang');
  return {
    filters: {
      districts: parseList(p.get('d')),
      categories: parseList(p.get('c')),
      from: parseDate(p.get('from')),
      to: parseDate(p.get('to')),
    },
    view: parseView(p.get('map')),
    lang: isLang(lang) ? lang : DEFAULT_LANG,
  };
}

export function formatView(view: MapView): string {
  return `${view.zoom.toFixed(2)}/${view.lat.toFixed(5)}/${view.lon.toFixed(5)}`;
}

/** The canonical query string ("" or "?…"); defaults are left out, lists sorted, commas and slashes kept readable. */
export function serialiseUrlState(state: UrlState): string {
  const parts: string[] = [];
  const add = (key: string, value: string) => parts.push(`${key}=${encodeURIComponent(value).replace(/%2C/g, ',').replace(/%2F/g, '/')}`);
  const { filters: f } = state;
  if (f.districts.length > 0) add('d', [...f.districts].sort().join(','));
  if (f.categories.length > 0) add('c', [...f.categories].sort().join(','));
  if (f.from) add('from', f.from);
  if (f.to) add('to', f.to);
  if (state.lang !== DEFAULT_LANG) add('lang', state.lang);
  if (state.view) add('map', formatView(state.view));
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return a.from === b.from && a.to === b.to && a.districts.join(',') === b.districts.join(',') && a.categories.join(',') === b.categories.join(',');
}

/** Views equal at the URL's precision. */
export function sameView(a: MapView | null, b: MapView | null): boolean {
  if (a === null || b === null) return a === b;
  return formatView(a) === formatView(b);
}

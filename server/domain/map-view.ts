// A flat map view in web-mercator pixels, the way MapLibre counts them (the world is 512·2^zoom
// px wide): the server draws /map/static.svg with it and the residents' light map turns a tap into
// lon/lat with the same numbers, so the point chosen is where the picture shows it.
// Pure: numbers in, numbers out; shared by server/map/static-map.ts and client/report/light-map.tsx.

export interface MapView {
  /** Centre, degrees. */
  lon: number;
  lat: number;
  /** MapLibre zoom (512-px world at zoom 0); fractional zooms scale the picture. */
  zoom: number;
  /** Size of the picture in CSS px. */
  width: number;
  height: number;
}

/** World width in px at a zoom (512-px tiles, as MapLibre). */
export const worldSize = (zoom: number) => 512 * 2 ** zoom;

/** Web-mercator x, y in the unit square (0..1, y down). */
export function lonLatToUnit(lon: number, lat: number): [number, number] {
  const sin = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
  return [lon / 360 + 0.5, 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI];
}

/** The inverse of lonLatToUnit. */
export function unitToLonLat(x: number, y: number): { lon: number; lat: number } {
  return { lon: (x - 0.5) * 360, lat: (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI };
}

/** Pixel (from the picture's top left) of a position. */
export function project(view: MapView, lon: number, lat: number): [number, number] {
  const size = worldSize(view.zoom);
  const [cx, cy] = lonLatToUnit(view.lon, view.lat);
  const [x, y] = lonLatToUnit(lon, lat);
  return [(x - cx) * size + view.width / 2, (y - cy) * size + view.height / 2];
}

/** Position under a pixel of the picture. */
export function unproject(view: MapView, px: number, py: number): { lon: number; lat: number } {
  const size = worldSize(view.zoom);
  const [cx, cy] = lonLatToUnit(view.lon, view.lat);
  return unitToLonLat(cx + (px - view.width / 2) / size, cy + (py - view.height / 2) / size);
}

/** The view moved by (dx, dy) px: the picture's content follows the finger. */
export function panBy(view: MapView, dx: number, dy: number): MapView {
  const c = unproject(view, view.width / 2 - dx, view.height / 2 - dy);
  return { ...view, lon: c.lon, lat: c.lat };
}

/** The largest zoom (in steps of `step`) at which [w, s, e, n] fits the picture with `paddingPx` around it. */
export function fitBounds(bounds: readonly [number, number, number, number], width: number, height: number, opts: { paddingPx?: number; maxZoom?: number; step?: number } = {}): MapView {
  const [w, s, e, n] = bounds;
  const pad = opts.paddingPx ?? 16;
  const [x0, y1] = lonLatToUnit(w, s);
  const [x1, y0] = lonLatToUnit(e, n);
  const spanX = Math.max(x1 - x0, 1e-9), spanY = Math.max(y1 - y0, 1e-9);
  const fit = Math.log2(Math.min((width - 2 * pad) / (512 * spanX), (height - 2 * pad) / (512 * spanY)));
  const step = opts.step ?? 0.25;
  const zoom = Math.min(opts.maxZoom ?? 17, Math.floor(fit / step) * step);
  const c = unitToLonLat((x0 + x1) / 2, (y0 + y1) / 2);
  return { lon: c.lon, lat: c.lat, zoom, width, height };
}

/** The view at another zoom with the position under pixel (px, py) kept under it (a pinch, a wheel turn). */
export function zoomAround(view: MapView, zoom: number, px: number, py: number): MapView {
  const at = unproject(view, px, py);
  const next = { ...view, zoom };
  const [qx, qy] = project(next, at.lon, at.lat);
  return panBy(next, px - qx, py - qy);
}

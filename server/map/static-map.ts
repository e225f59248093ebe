// The basemap as one SVG picture (GET /map/static.svg): what the residents' form shows instead of
// MapLibre, whose code is most of a phone's download. Drawn from the same stored vector tiles as
// the interactive map, in the style's own colours and road widths (server/map/style.ts), with the
// districts' outlines and names on top, and street and place names where they fit.
// Pure: tile bytes, districts and streets in, an SVG string out (static-map-service.ts does the I/O).
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Geometry, Position } from 'geojson';
import { MAX_TILE_ZOOM, MIN_TILE_ZOOM, ROAD_CLASS, labelPoint } from '../domain/tile-schema.ts';
import { lonLatToUnit, project, worldSize, type MapView } from '../domain/map-view.ts';
import { COLORS, ROADS } from './style.ts';

export interface TileBytes { z: number; x: number; y: number; data: Uint8Array }
export interface StaticDistrict { name: string; geometry: Geometry }
export interface StaticStreet { name: string | null; highway: string | null; coords: [number, number][] }

export interface StaticMapInput {
  view: MapView;
  /** The tiles tilesForView() names (empty ones may be left out). */
  tiles: TileBytes[];
  districts: StaticDistrict[];
  /** The street network, drawn when the tiles have no roads (a database with only a streets file). */
  streets: StaticStreet[] | null;
}

/** Street names are drawn from this zoom (the style's road labels start at 13). */
const ROAD_LABEL_MIN_ZOOM = 13.5;
/** At most this many street names, longest pieces first. */
const MAX_ROAD_LABELS = 40;
const FONT = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

/**
 * The zoom of the tiles a view is drawn from: the view's zoom floored, within what is cut, and at
 * least 12 (where the tiles start holding minor streets: a district-wide view still shows them).
 */
export const tileZoomFor = (zoom: number) => Math.max(MIN_TILE_ZOOM, 12, Math.min(MAX_TILE_ZOOM, Math.floor(zoom)));

/** Tiles (z, x, y) covering a view. */
export function tilesForView(view: MapView): { z: number; x: number; y: number }[] {
  const z = tileZoomFor(view.zoom);
  const n = 2 ** z;
  const tilePx = worldSize(view.zoom) / n;
  const [cx, cy] = lonLatToUnit(view.lon, view.lat).map((u) => u * worldSize(view.zoom)) as [number, number];
  const range = (c: number, half: number) => [Math.max(0, Math.floor((c - half) / tilePx)), Math.min(n - 1, Math.floor((c + half) / tilePx))] as const;
  const [x0, x1] = range(cx, view.width / 2);
  const [y0, y1] = range(cy, view.height / 2);
  const out: { z: number; x: number; y: number }[] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push({ z, x, y });
  return out;
}

/** A style ramp's value at a zoom: exponential (base 1.6, the style's `width()`) or linear with base 1. */
export function widthAt(stops: readonly [number, number][], zoom: number, base = 1.6): number {
  const first = stops[0]!, last = stops.at(-1)!;
  if (zoom <= first[0]) return first[1];
  if (zoom >= last[0]) return last[1];
  for (let i = 1; i < stops.length; i++) {
    const [z1, w1] = stops[i]!;
    const [z0, w0] = stops[i - 1]!;
    if (zoom <= z1) {
      const t = base === 1 ? (zoom - z0) / (z1 - z0) : (base ** (zoom - z0) - 1) / (base ** (z1 - z0) - 1);
      return w0 + (w1 - w0) * t;
    }
  }
  return last[1];
}

const num = (v: number) => String(Math.round(v * 10) / 10);
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Pt = [number, number];
/** Points of `line` (whole px) that a straight stretch within `tolerance` px can stand for (Douglas–Peucker). */
function simplifyPx(line: Pt[], tolerance: number): Pt[] {
  if (line.length < 3) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = line[a]!, [bx, by] = line[b]!;
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
    let far = -1, farD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = line[i]!;
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > farD) (far = i), (farD = d);
    }
    if (far >= 0) (keep[far] = 1), stack.push([a, far], [far, b]);
  }
  return line.filter((_, i) => keep[i]);
}

/**
 * Open lines joined where one ends at a pixel another starts or ends at (a street network is
 * thousands of short ways meeting at junctions): one `M` and one simplification per chain.
 */
function stitch(lines: Pt[][]): Pt[][] {
  const key = ([x, y]: Pt) => `${x},${y}`;
  const at = new Map<string, number[]>();
  const add = (p: Pt, i: number) => {
    const k = key(p);
    const list = at.get(k);
    if (list) list.push(i);
    else at.set(k, [i]);
  };
  lines.forEach((l, i) => (add(l[0]!, i), add(l[l.length - 1]!, i)));
  const used = new Uint8Array(lines.length);
  /** An unused line with an end at `p`, turned to start there. */
  const takeFrom = (p: Pt): Pt[] | null => {
    for (const i of at.get(key(p)) ?? []) {
      if (used[i]) continue;
      used[i] = 1;
      const l = lines[i]!;
      return key(l[0]!) === key(p) ? l : [...l].reverse();
    }
    return null;
  };
  const out: Pt[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    let chain = lines[i]!.slice();
    for (let next = takeFrom(chain[chain.length - 1]!); next; next = takeFrom(chain[chain.length - 1]!)) chain.push(...next.slice(1));
    for (let prev = takeFrom(chain[0]!); prev; prev = takeFrom(chain[0]!)) chain = [...prev.reverse(), ...chain.slice(1)];
    out.push(chain);
  }
  return out;
}

/** Lines are drawn through points no further than this from where they are (px): under a pixel's half. */
const SIMPLIFY_PX = 0.4;

/**
 * An SVG path of px lines (optionally closed rings): whole pixels, each point relative to the one
 * before (rounded first, so nothing drifts), repeated points and points a straight stretch passes
 * within SIMPLIFY_PX of dropped, and lines that shrink to one pixel left out. A third of absolute tenths.
 */
export function pathOf(lines: Pt[][], closed: boolean): string {
  let d = '';
  const signed = (v: number) => (v < 0 ? String(v) : ` ${v}`);
  const whole: Pt[][] = [];
  for (const line of lines) {
    const rounded: Pt[] = [];
    for (const [fx, fy] of line) {
      const x = Math.round(fx), y = Math.round(fy);
      const last = rounded[rounded.length - 1];
      if (!last || last[0] !== x || last[1] !== y) rounded.push([x, y]);
    }
    if (rounded.length >= (closed ? 3 : 2)) whole.push(rounded);
  }
  for (const line of closed ? whole : stitch(whole)) {
    const pts = simplifyPx(line, SIMPLIFY_PX);
    if (pts.length < 2) continue;
    let [px, py] = pts[0]!;
    d += `M${px} ${py}`;
    for (let i = 1; i < pts.length; i++) {
      const [x, y] = pts[i]!;
      d += `${i === 1 ? 'l' : ''}${signed(x - px)}${signed(y - py)}`.replace(/^l /, 'l');
      (px = x), (py = y);
    }
    if (closed) d += 'z';
  }
  return d;
}

const LANDUSE_COLOR: Record<string, string> = {
  residential: COLORS.residential, retail: COLORS.commercial, commercial: COLORS.commercial,
  industrial: COLORS.industrial, construction: COLORS.industrial, brownfield: COLORS.industrial,
  park: COLORS.park, recreation_ground: COLORS.park, playground: COLORS.park, pitch: COLORS.park, sports_centre: COLORS.park,
  forest: COLORS.forest, wood: COLORS.forest, grass: COLORS.green, meadow: COLORS.green, scrub: COLORS.green,
  cemetery: COLORS.green, allotments: COLORS.green, farmland: COLORS.farmland, school: COLORS.school, parking: COLORS.parking,
};
/** Broad areas first (the style's fill-sort-key), so a park inside a residential area shows. */
const landuseRank = (kind: string) => (kind === 'residential' || kind === 'farmland' ? 0 : ['retail', 'commercial', 'industrial'].includes(kind) ? 1 : 2);

const ROAD_ORDER = ['service', 'minor', 'medium', 'major'] as const;
const roadStyleOf = (cls: string) => ROADS[cls === 'pedestrian' ? 'minor' : cls];

interface Line { cls: string; kind: string; name: string | null; tunnel: boolean; px: Pt[][] }

/** Features wholly this far (px) outside the picture are left out (the widest stroke is narrower). */
const CULL_MARGIN_PX = 24;

/** The features of one decoded tile layer that reach into the picture, as px geometry of the view. */
function* featuresOf(tile: VectorTile, layer: string, toPx: (p: { x: number; y: number }, extent: number) => Pt, view: MapView) {
  const l = tile.layers[layer];
  if (!l) return;
  for (let i = 0; i < l.length; i++) {
    const f: VectorTileFeature = l.feature(i);
    const px = f.loadGeometry().map((ring) => ring.map((p) => toPx(p, l.extent)));
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const ring of px) for (const [x, y] of ring) (x0 = Math.min(x0, x)), (y0 = Math.min(y0, y)), (x1 = Math.max(x1, x)), (y1 = Math.max(y1, y));
    if (x1 < -CULL_MARGIN_PX || y1 < -CULL_MARGIN_PX || x0 > view.width + CULL_MARGIN_PX || y0 > view.height + CULL_MARGIN_PX) continue;
    yield { props: f.properties, type: f.type, px };
  }
}

const isYes = (v: unknown) => v === true || v === 'yes' || v === 'true' || v === '1';

/** Groups of fills and strokes of one tile, clipped to the tile's square (tiles overlap by their buffer). */
function drawTile(t: TileBytes, view: MapView, clipId: string, lines: Line[], labels: { text: string; at: Pt; kind: string }[]): string {
  const tilePx = worldSize(view.zoom) / 2 ** t.z;
  const [cx, cy] = lonLatToUnit(view.lon, view.lat).map((u) => u * worldSize(view.zoom)) as Pt;
  const left = t.x * tilePx - cx + view.width / 2;
  const top = t.y * tilePx - cy + view.height / 2;
  const toPx = (p: { x: number; y: number }, extent: number): Pt => [left + (p.x / extent) * tilePx, top + (p.y / extent) * tilePx];
  const tile = new VectorTile(new PbfReader(t.data) as never);
  const out: string[] = [`<clipPath id="${clipId}"><rect x="${num(left)}" y="${num(top)}" width="${num(tilePx)}" height="${num(tilePx)}"/></clipPath><g clip-path="url(#${clipId})">`];

  const landuse = [...featuresOf(tile, 'landuse', toPx, view)].filter((f) => f.type === 3).sort((a, b) => landuseRank(String(a.props.kind)) - landuseRank(String(b.props.kind)));
  const byColor = new Map<string, Pt[][]>();
  for (const f of landuse) {
    const color = LANDUSE_COLOR[String(f.props.kind)] ?? COLORS.residential;
    byColor.set(color, [...(byColor.get(color) ?? []), ...f.px]);
  }
  // One path per colour in rank order keeps the file small; the rank order is kept by the Map's insertion order.
  for (const [color, rings] of byColor) out.push(`<path fill="${color}" fill-rule="evenodd" d="${pathOf(rings, true)}"/>`);

  const water = [...featuresOf(tile, 'water', toPx, view)].filter((f) => f.type === 3).flatMap((f) => f.px);
  if (water.length) out.push(`<path fill="${COLORS.water}" fill-rule="evenodd" d="${pathOf(water, true)}"/>`);
  for (const f of featuresOf(tile, 'waterway', toPx, view)) {
    const river = f.props.kind === 'river' || f.props.kind === 'canal';
    const w = widthAt(river ? [[10, 1], [14, 4], [16, 7], [18, 14]] : [[10, 0.3], [14, 0.8], [16, 1.6], [18, 3]], view.zoom);
    out.push(`<path fill="none" stroke="${COLORS.waterLine}" stroke-width="${num(w)}" stroke-linecap="round" stroke-linejoin="round" d="${pathOf(f.px, false)}"/>`);
  }
  const buildings = [...featuresOf(tile, 'building', toPx, view)].filter((f) => f.type === 3).flatMap((f) => f.px);
  if (buildings.length && view.zoom >= 13) {
    const outline = view.zoom >= 15 ? ` stroke="${COLORS.buildingLine}" stroke-width="0.7"` : '';
    out.push(`<path fill="${COLORS.building}"${outline} fill-rule="evenodd" d="${pathOf(buildings, true)}"/>`);
  }
  const tileLines: Line[] = [];
  for (const f of featuresOf(tile, 'road', toPx, view)) {
    if (f.type !== 2) continue;
    const line: Line = { cls: String(f.props.class ?? 'minor'), kind: String(f.props.kind ?? ''), name: typeof f.props.name === 'string' ? f.props.name : null, tunnel: isYes(f.props.tunnel), px: f.px };
    tileLines.push(line);
    lines.push(line);
  }
  out.push(drawRoads(tileLines, view.zoom, `${clipId}r`));
  const rails = [...featuresOf(tile, 'rail', toPx, view)].filter((f) => f.type === 2 && !isYes(f.props.tunnel)).flatMap((f) => f.px);
  if (rails.length) out.push(`<path fill="none" stroke="${COLORS.rail}" stroke-width="${num(widthAt([[10, 0.8], [14, 1.6], [18, 3]], view.zoom))}" d="${pathOf(rails, false)}"/>`);
  for (const f of featuresOf(tile, 'place', toPx, view)) {
    const [at] = f.px[0] ?? [];
    if (at && typeof f.props.name === 'string' && at[0] >= left && at[0] < left + tilePx && at[1] >= top && at[1] < top + tilePx) labels.push({ text: f.props.name, at, kind: String(f.props.kind) });
  }
  out.push('</g>');
  return out.join('');
}

/**
 * Roads and paths: casings under fills, minor classes under major ones. Each class's lines are one
 * path drawn twice through <use> (casing, then fill). Below z13, where the style has no casings
 * and starts minor streets only at z12, a plain thin line in the casing colour keeps every street
 * readable on the land colour.
 */
function drawRoads(lines: Line[], zoom: number, idPrefix: string): string {
  const out: string[] = [];
  const paths = lines.filter((l) => l.cls === 'path');
  if (paths.length && zoom >= 13) {
    const w = num(widthAt([[13, 0.6], [16, 1.3], [18, 2.5]], zoom));
    for (const [color, list] of [[COLORS.cycleway, paths.filter((l) => l.kind === 'cycleway')], [COLORS.path, paths.filter((l) => l.kind !== 'cycleway')]] as const) {
      if (list.length) out.push(`<path fill="none" stroke="${color}" stroke-width="${w}" stroke-dasharray="${num(2 * Number(w))} ${num(1.5 * Number(w))}" d="${pathOf(list.flatMap((l) => l.px), false)}"/>`);
    }
  }
  const low = zoom < 13;
  const classes = ROAD_ORDER.map((cls) => ({ cls, s: ROADS[cls]!, of: lines.filter((l) => roadStyleOf(l.cls) === ROADS[cls]) })).filter((c) => c.of.length);
  const defs = classes.map(({ cls, of }) => `<path id="${idPrefix}${cls}" d="${pathOf(of.flatMap((l) => l.px), false)}"/>`).join('');
  if (defs) out.push(`<defs>${defs}</defs>`);
  const use = (cls: string, stroke: string, w: number, extra = '') => `<use href="#${idPrefix}${cls}" fill="none" stroke="${stroke}" stroke-width="${num(w)}" stroke-linecap="round" stroke-linejoin="round"${extra}/>`;
  for (const { cls, s } of classes) {
    const thin = low && (cls === 'minor' || cls === 'service');
    if (!thin) out.push(use(cls, s.casing, widthAt(s.w, zoom) + (zoom >= 14 ? 2 : 1)));
  }
  for (const { cls, s } of classes) {
    const thin = low && (cls === 'minor' || cls === 'service');
    out.push(thin ? use(cls, s.lowColor, Math.max(0.6, widthAt(s.w, zoom)), ' stroke-opacity="0.8"') : use(cls, s.color, widthAt(s.w, zoom)));
  }
  return out.join('');
}

/** Street lines from the streets table (no roads in the tiles): the same classes as the tiles give them. */
function streetLines(streets: StaticStreet[], view: MapView): Line[] {
  const box = { x0: -50, y0: -50, x1: view.width + 50, y1: view.height + 50 };
  const out: Line[] = [];
  for (const s of streets) {
    const px = s.coords.map(([lon, lat]) => project(view, lon, lat));
    if (!px.some(([x, y]) => x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1)) continue;
    const cls = ROAD_CLASS[s.highway ?? 'unknown']?.cls ?? 'minor';
    out.push({ cls, kind: s.highway ?? '', name: s.name, tunnel: false, px: [px] });
  }
  return out;
}

const lengthOf = (line: Pt[]) => line.reduce((sum, p, i) => (i ? sum + Math.hypot(p[0] - line[i - 1]![0], p[1] - line[i - 1]![1]) : 0), 0);

/** The runs of a line inside the rectangle 0..w × 0..h (Liang–Barsky per segment). */
export function clipLine(line: Pt[], w: number, h: number): Pt[][] {
  const runs: Pt[][] = [];
  let run: Pt[] = [];
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1]!, line[i]!];
    const dx = b[0] - a[0], dy = b[1] - a[1];
    let t0 = 0, t1 = 1;
    const ok = ([[-dx, a[0]], [dx, w - a[0]], [-dy, a[1]], [dy, h - a[1]]] as const).every(([p, q]) => {
      if (p === 0) return q >= 0;
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      return t0 <= t1;
    });
    if (!ok) {
      if (run.length > 1) runs.push(run);
      run = [];
      continue;
    }
    const start: Pt = [a[0] + t0 * dx, a[1] + t0 * dy];
    const end: Pt = [a[0] + t1 * dx, a[1] + t1 * dy];
    if (!run.length || t0 > 0) {
      if (run.length > 1) runs.push(run);
      run = [start];
    }
    run.push(end);
    if (t1 < 1) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

/** The point `dist` px along a line. */
function pointAlong(line: Pt[], dist: number): Pt {
  let left = dist;
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1]!, line[i]!];
    const seg = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (left <= seg && seg > 0) return [a[0] + ((b[0] - a[0]) * left) / seg, a[1] + ((b[1] - a[1]) * left) / seg];
    left -= seg;
  }
  return line.at(-1)!;
}

/** Street names along their longest piece that holds the text, left to right, none overlapping another. */
function roadLabels(lines: Line[], view: MapView): { defs: string; text: string } {
  if (view.zoom < ROAD_LABEL_MIN_ZOOM) return { defs: '', text: '' };
  const size = widthAt([[13, 10], [16, 12.5], [18, 15]], view.zoom, 1);
  const best = new Map<string, { line: Pt[]; len: number }>();
  for (const l of lines) {
    if (!l.name || l.cls === 'path' || l.tunnel) continue;
    for (const inside of l.px.flatMap((piece) => clipLine(piece, view.width, view.height))) {
      const len = lengthOf(inside);
      if (len > (best.get(l.name)?.len ?? 0)) best.set(l.name, { line: inside, len });
    }
  }
  const placed: { x: number; y: number; r: number }[] = [];
  let defs = '', text = '', n = 0;
  for (const [name, { line, len }] of [...best].sort((a, b) => b[1].len - a[1].len)) {
    const need = name.length * size * 0.58 + 12;
    if (len < need || n >= MAX_ROAD_LABELS) continue;
    const r = need / 2;
    // The middle first, then along the line: the first spot that overlaps no name placed.
    const spot = [0.5, 0.3, 0.7, 0.18, 0.82].map((f) => ({ f, at: pointAlong(line, f * len) })).find(({ f, at }) =>
      f * len >= r && (1 - f) * len >= r && !placed.some((p) => Math.hypot(p.x - at[0], p.y - at[1]) < p.r + r));
    if (!spot) continue;
    placed.push({ x: spot.at[0], y: spot.at[1], r });
    const ordered = line[0]![0] <= line.at(-1)![0] ? line : [...line].reverse();
    const offset = line === ordered ? spot.f : 1 - spot.f;
    defs += `<path id="rl${n}" d="${pathOf([ordered], false)}"/>`;
    text += `<text font-size="${num(size)}" dy="0.35em"><textPath href="#rl${n}" startOffset="${Math.round(offset * 100)}%" text-anchor="middle">${esc(name)}</textPath></text>`;
    n++;
  }
  return { defs, text };
}

/** The SVG picture of a view. */
export function renderStaticMap(input: StaticMapInput): string {
  const { view } = input;
  const lines: Line[] = [];
  const places: { text: string; at: Pt; kind: string }[] = [];
  const body: string[] = [`<rect width="100%" height="100%" fill="${COLORS.land}"/>`];
  input.tiles.forEach((t, i) => body.push(drawTile(t, view, `t${i}`, lines, places)));
  if (input.streets) {
    const own = streetLines(input.streets, view);
    lines.push(...own);
    body.push(drawRoads(own, view.zoom, 'sr'));
  }
  // District outlines: the style's dash-dot purple line.
  const rings: Pt[][] = [];
  for (const d of input.districts) {
    const polys: Position[][][] = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.type === 'MultiPolygon' ? d.geometry.coordinates : [];
    for (const poly of polys) for (const ring of poly) rings.push(ring.map(([lon, lat]) => project(view, lon!, lat!)));
  }
  const dw = widthAt([[10, 1], [16, 2.2]], view.zoom, 1);
  if (rings.length) body.push(`<path fill="none" stroke="${COLORS.district}" stroke-opacity="0.7" stroke-width="${num(dw)}" stroke-linejoin="round" stroke-dasharray="${[4, 2, 1, 2].map((v) => num(v * dw)).join(' ')}" d="${pathOf(rings, true)}"/>`);

  const labels = roadLabels(lines, view);
  const halo = (w: number) => `paint-order="stroke" stroke="${COLORS.labelHalo}" stroke-width="${w}" stroke-linejoin="round"`;
  const texts: string[] = [];
  if (labels.text) texts.push(`<g font-family="${FONT}" fill="${COLORS.label}" ${halo(3)}>${labels.text}</g>`);
  const placeTexts = places.filter((p) => p.kind !== 'city' || view.zoom < 13).map((p) => `<text x="${num(p.at[0])}" y="${num(p.at[1])}" font-size="${p.kind === 'suburb' ? 13 : 12}">${esc(p.text)}</text>`);
  if (placeTexts.length) texts.push(`<g font-family="${FONT}" fill="${COLORS.place}" text-anchor="middle" ${halo(3)}>${placeTexts.join('')}</g>`);
  const districtTexts = input.districts.flatMap((d) => {
    const at = labelPoint(d.geometry);
    if (!at) return [];
    const [x, y] = project(view, at[0]!, at[1]!);
    return x < 0 || y < 0 || x > view.width || y > view.height ? [] : [`<text x="${num(x)}" y="${num(y)}">${esc(d.name.toUpperCase())}</text>`];
  });
  const dsize = widthAt([[10, 13], [15, 18]], view.zoom, 1);
  if (districtTexts.length) texts.push(`<g font-family="${FONT}" font-weight="700" font-size="${num(dsize)}" letter-spacing="1" fill="${COLORS.district}" text-anchor="middle" ${halo(4)}>${districtTexts.join('')}</g>`);

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${view.width}" height="${view.height}" viewBox="0 0 ${view.width} ${view.height}">`
    + (labels.defs ? `<defs>${labels.defs}</defs>` : '')
    + body.join('') + texts.join('') + '</svg>';
}

// The basemap style: valid MapLibre style JSON whose labels have text, and every font, icon and
// tile URL it names is served by the app itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createPropertyExpression, latest, validateStyleMin, Color } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp, TEST_ORIGIN } from '../helpers/test-app.ts';
import { loadMapFixture } from '../helpers/map-features.ts';
import { COLORS, NOTE_METADATA_KEY, ROAD_LABEL_LAYER_ID } from '../../server/map/style.ts';
import { POI_ICONS } from '../../server/domain/tile-schema.ts';

type Layer = { id: string; type: string; layout?: Record<string, unknown>; source?: string; 'source-layer'?: string };

/** The names an expression can produce: a plain string array, ['literal', …], or the outputs of a 'match'. */
function outputs(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) {
    if (value[0] === 'literal') outputs(value[1], out);
    else if (value[0] === 'match') {
      for (let i = 3; i < value.length - 1; i += 2) outputs(value[i], out);
      outputs(value[value.length - 1], out);
    } else if (value[0] !== 'get' && value.every((v) => typeof v === 'string')) for (const v of value) out.add(v as string);
  }
  return out;
}

describe.each(databaseTargets())('basemap style on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let style: StyleSpecification & { layers: Layer[] };
  const path = (url: string) => url.replace(TEST_ORIGIN, '');

  beforeAll(async () => {
    t = await makeTestApp(target);
    await loadMapFixture(t.sql, { version: 'style-1' });
    const res = await t.app.request('/map/style.json');
    expect(res.status).toBe(200);
    style = (await res.json()) as typeof style;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is a valid MapLibre style over the app’s own tiles, version in the tile URL', () => {
    expect(validateStyleMin(style as StyleSpecification).map((e) => e.message)).toEqual([]);
    const source = style.sources.basemap as { type: string; tiles: string[]; maxzoom: number; attribution: string };
    expect(source.type).toBe('vector');
    expect(source.maxzoom).toBe(16);
    expect(source.tiles[0]).toMatch(new RegExp(`^${TEST_ORIGIN}/tiles/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=style-1`));
    expect(source.attribution).toContain('© OpenStreetMap contributors');
    expect(source.attribution).toContain('opendatacommons.org/licenses/odbl');
    expect(source.attribution).toContain('Källa: SCB');
    expect(source.attribution).toMatch(/Noto Sans \(<a [^>]+>OFL<\/a>\)/);
    expect(source.attribution).toMatch(/CC0/);
  });

  it('labels streets along their lines and gives every symbol layer a text-field', () => {
    const symbols = style.layers.filter((l) => l.type === 'symbol');
    expect(symbols.length).toBeGreaterThanOrEqual(6);
    for (const l of symbols) expect(l.layout?.['text-field'], l.id).toBeDefined();
    const road = symbols.find((l) => l.id === ROAD_LABEL_LAYER_ID)!;
    expect(road.layout?.['symbol-placement']).toBe('line');
    expect(JSON.stringify(road.layout?.['text-field'])).toContain('"name"');
    // Labels come after every other layer: the client slips its own layers in before the first.
    const firstSymbol = style.layers.findIndex((l) => l.type === 'symbol');
    expect(style.layers.slice(firstSymbol).every((l) => l.type === 'symbol')).toBe(true);
    expect((style as { metadata: Record<string, unknown> }).metadata['trygghetskartan:first-label-layer']).toBe(style.layers[firstSymbol]!.id);
  });

  it('serves every font the style names, from the app', async () => {
    const faces = (style as unknown as { 'font-faces': Record<string, { url: string }[]> })['font-faces'];
    const named = new Set<string>();
    for (const l of style.layers) if (l.layout?.['text-font']) outputs(l.layout['text-font'], named);
    expect(named.size).toBeGreaterThanOrEqual(2);
    for (const font of named) {
      expect(faces[font], font).toBeDefined();
      for (const face of faces[font]!) {
        expect(face.url.startsWith(`${TEST_ORIGIN}/map/fonts/`)).toBe(true);
        const res = await t.app.request(path(face.url));
        expect(res.status, face.url).toBe(200);
        expect(res.headers.get('Content-Type')).toBe('font/woff2');
        expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('wOF2');
      }
    }
    expect((await t.app.request('/map/fonts/nope.woff2')).status).toBe(404);
  });

  it('serves every icon the style and the tiles name in the 1x and 2x sprite', async () => {
    expect(style.sprite).toBe(`${TEST_ORIGIN}/map/sprite`);
    const icons = new Set<string>(Object.values(POI_ICONS));
    for (const l of style.layers) if (l.layout?.['icon-image']) outputs(l.layout['icon-image'], icons);
    for (const ratio of ['', '@2x']) {
      const json = (await (await t.app.request(`/map/sprite${ratio}.json`)).json()) as Record<string, { x: number; y: number; width: number; height: number; pixelRatio: number }>;
      const png = await t.app.request(`/map/sprite${ratio}.png`);
      expect(png.headers.get('Content-Type')).toBe('image/png');
      const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
      for (const icon of icons) {
        const e = json[icon];
        expect(e, `${icon}${ratio}`).toBeDefined();
        expect(e!.pixelRatio).toBe(ratio ? 2 : 1);
        expect(e!.x + e!.width).toBeLessThanOrEqual(meta.width!);
        expect(e!.y + e!.height).toBeLessThanOrEqual(meta.height!);
      }
    }
  });

  it('says when only the shipped network is drawn, and stops saying it after an OSM import', async () => {
    expect((style as { metadata: Record<string, { sv: string; en: string } | null> }).metadata[NOTE_METADATA_KEY]?.sv).toContain('import-osm');
    await loadMapFixture(t.sql, { version: 'style-2', markImported: true });
    const res = await t.app.request('/map/style.json');
    const after = (await res.json()) as { metadata: Record<string, unknown>; sources: { basemap: { tiles: string[]; attribution: string } } };
    expect(after.metadata[NOTE_METADATA_KEY]).toBeNull();
    expect(after.sources.basemap.tiles[0]).toContain('v=style-2');
    expect(after.sources.basemap.attribution).not.toContain('import-osm');
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect((await t.app.request('/map/style.json', { headers: { 'If-None-Match': res.headers.get('ETag')! } })).status).toBe(304);
  });

  it('keeps the note while the map is the bundled network (its import summary says so)', async () => {
    await t.sql`update map_meta set value = ${JSON.stringify({ source: 'bundled network (OpenStreetMap 2017–2018, ODbL)' })}::text::jsonb where key = 'import'`;
    const after = (await (await t.app.request('/map/style.json')).json()) as { metadata: Record<string, { sv: string } | null> };
    expect(after.metadata[NOTE_METADATA_KEY]?.sv).toContain('import-osm');
  });

  it('draws roads without casing (below z13) in a tone that stands out from the land, light with casings above', () => {
    /** WCAG relative luminance contrast of two colours. */
    const contrast = (a: Color, b: Color) => {
      const lum = (c: Color) => [c.r, c.g, c.b].map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const land = Color.parse(COLORS.land)!;
    for (const id of ['road-minor', 'road-medium', 'road-major']) {
      const layer = style.layers.find((l) => l.id === id) as Layer & { paint: Record<string, unknown> };
      const color = createPropertyExpression(layer.paint['line-color'], 'line-color', latest.paint_line['line-color'] as never);
      if (color.result !== 'success') throw new Error(`${id}: ${JSON.stringify(color.value)}`);
      const at = (zoom: number) => color.value.evaluate({ zoom }) as Color;
      expect(contrast(at(12), land), `${id} at z12`).toBeGreaterThan(1.6);
      expect(contrast(at(12), land), `${id} at z12`).toBeGreaterThan(contrast(at(15), land));
    }
  });

  it('documents the map routes in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of ['/tiles/{z}/{x}/{y}.mvt', '/map/style.json', '/map/sprite.json', '/map/sprite@2x.png', '/map/fonts/{file}.woff2']) expect(doc.paths[p], p).toBeDefined();
  });
});

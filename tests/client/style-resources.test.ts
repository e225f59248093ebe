// What the service worker keeps of a style for offline use: sprite files, the font-faces files
// (the app's style has no glyph PBFs), glyph ranges when a style has them, and tile templates.
import { describe, expect, it } from 'vitest';
import { styleResources } from '../../client/offline/style-resources.ts';

const BASE = 'https://karta.example.se/map/style.json';

describe('styleResources', () => {
  it("lists the app style's sprite and every font-faces file, and its tile template with braces kept", () => {
    const r = styleResources({
      sprite: 'https://karta.example.se/map/sprite',
      'font-faces': {
        'Noto Sans Regular': [{ url: 'https://karta.example.se/map/fonts/noto-sans-latin-400-normal.woff2' }, { url: '/map/fonts/noto-sans-latin-ext-400-normal.woff2' }],
        'Noto Sans Bold': 'https://karta.example.se/map/fonts/noto-sans-latin-700-normal.woff2',
      },
      sources: { basemap: { type: 'vector', tiles: ['https://karta.example.se/tiles/{z}/{x}/{y}.mvt?v=7'], minzoom: 10, maxzoom: 16 }, districts: { type: 'geojson' } },
    }, BASE);
    expect(r.files).toEqual([
      'https://karta.example.se/map/sprite.json', 'https://karta.example.se/map/sprite.png', 'https://karta.example.se/map/sprite@2x.json', 'https://karta.example.se/map/sprite@2x.png',
      'https://karta.example.se/map/fonts/noto-sans-latin-400-normal.woff2', 'https://karta.example.se/map/fonts/noto-sans-latin-ext-400-normal.woff2',
      'https://karta.example.se/map/fonts/noto-sans-latin-700-normal.woff2',
    ]);
    expect(r.tileTemplates).toEqual([{ url: 'https://karta.example.se/tiles/{z}/{x}/{y}.mvt?v=7', minzoom: 10, maxzoom: 16 }]);
  });

  it("lists the Swedish glyph ranges of every font stack a glyph style's labels use", () => {
    const r = styleResources({ glyphs: '/fonts/{fontstack}/{range}.pbf', layers: [{ layout: { 'text-font': ['Open Sans Regular'] } }, { layout: {} }] }, BASE);
    expect(r.files).toEqual(['0-255', '256-511', '8192-8447'].map((range) => `https://karta.example.se/fonts/Open%20Sans%20Regular/${range}.pbf`));
    expect(r.tileTemplates).toEqual([]);
  });
});

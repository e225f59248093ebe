// What a MapLibre style needs to draw offline: its sprite files, its fonts (the font-faces files,
// or glyph PBFs for the ranges Swedish labels use) and its vector tile URL templates, as absolute
// URLs. Pure: the service worker fetches them at patrol start (client/offline/sw.ts).

export interface StyleLike {
  sprite?: string | { id: string; url: string }[];
  glyphs?: string;
  /** MapLibre 6.7+: font name → its files (or one URL), drawn by the browser's font engine. */
  'font-faces'?: Record<string, string | { url: string }[]>;
  sources?: Record<string, { type: string; tiles?: string[]; minzoom?: number; maxzoom?: number }>;
  layers?: { layout?: Record<string, unknown> }[];
}

/** Latin, Latin-1 (å, ä, ö, é) and general punctuation: what Swedish labels need. */
const GLYPH_RANGES = ['0-255', '256-511', '8192-8447'];

export function styleResources(style: StyleLike, base: string): { tileTemplates: { url: string; minzoom: number; maxzoom: number }[]; files: string[] } {
  const files: string[] = [];
  const sprites = typeof style.sprite === 'string' ? [style.sprite] : (style.sprite ?? []).map((s) => s.url);
  for (const s of sprites) for (const suffix of ['.json', '.png', '@2x.json', '@2x.png']) files.push(new URL(s + suffix, base).href);
  if (style.glyphs) {
    const stacks = new Set<string>();
    for (const l of style.layers ?? []) {
      const font = l.layout?.['text-font'];
      if (Array.isArray(font) && font.every((f) => typeof f === 'string')) stacks.add(font.join(','));
    }
    for (const stack of stacks) for (const range of GLYPH_RANGES) files.push(new URL(style.glyphs.replace('{fontstack}', encodeURIComponent(stack)).replace('{range}', range), base).href);
  }
  // The app's style names its fonts in font-faces (no glyph PBFs): every file, so labels draw offline.
  for (const faces of Object.values(style['font-faces'] ?? {})) {
    for (const url of typeof faces === 'string' ? [faces] : faces.map((f) => f.url)) files.push(new URL(url, base).href);
  }
  const tileTemplates = Object.values(style.sources ?? {})
    .filter((s) => s.type === 'vector' && s.tiles?.length)
    .map((s) => ({ url: new URL(s.tiles![0]!, base).href.replaceAll('%7B', '{').replaceAll('%7D', '}'), minzoom: s.minzoom ?? 0, maxzoom: s.maxzoom ?? 16 }));
  return { tileTemplates, files };
}

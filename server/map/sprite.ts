// The icon sprite of the style: @mapbox/maki icons (CC0) on a white disc, coloured by group,
// rendered with sharp at 1x and 2x on first use and kept in memory (a few kB).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { FALLBACK_POI_ICON, POI_ICONS } from '../domain/tile-schema.ts';

const require = createRequire(import.meta.url);
const ICON_DIR = join(dirname(require.resolve('@mapbox/maki/package.json')), 'icons');

/** As the client's attribution writes it. */
export const ICON_LICENCE = 'Maki-ikoner (<a href="https://creativecommons.org/publicdomain/zero/1.0/" target="_blank" rel="noopener">CC0</a>)';

/** Icon colour per group (muted, so the app's own data stays the loudest thing on the map). */
const GROUP_COLOURS: Record<string, string> = {
  education: '#8a5a2b', health: '#b03a3a', transport: '#2f5f9e', shopping: '#7b4d8f', leisure: '#3c7a3c', civic: '#555b66',
};
const ICON_GROUP: Record<string, keyof typeof GROUP_COLOURS> = {
  school: 'education', library: 'education', 'residential-community': 'civic', playground: 'leisure', 'fitness-centre': 'leisure',
  pitch: 'leisure', stadium: 'leisure', shop: 'shopping', grocery: 'shopping', convenience: 'shopping', pharmacy: 'health',
  doctor: 'health', dentist: 'health', hospital: 'health', heart: 'health', 'place-of-worship': 'civic', bus: 'transport',
  'rail-light': 'transport', rail: 'transport', parking: 'transport', 'town-hall': 'civic', police: 'civic', 'fire-station': 'civic',
  restaurant: 'shopping', cafe: 'shopping', 'fast-food': 'shopping', bank: 'shopping', post: 'civic', marker: 'civic',
};

/** Every icon name the style may ask for. */
export const SPRITE_ICONS: readonly string[] = [...new Set([...Object.values(POI_ICONS), FALLBACK_POI_ICON])].sort();

/** Icon cell size at 1x, in px: the 15-px maki glyph with a 2-px disc margin. */
const CELL = 19;
const COLUMNS = 8;

export interface Sprite {
  json: Record<string, { x: number; y: number; width: number; height: number; pixelRatio: number }>;
  png: Buffer;
  etag: string;
}

function iconSvg(name: string, ratio: number): string {
  const raw = readFileSync(join(ICON_DIR, `${name}.svg`), 'utf8');
  const inner = raw.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const colour = GROUP_COLOURS[ICON_GROUP[name] ?? 'civic'];
  const size = CELL * ratio;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${CELL} ${CELL}">`
    + `<circle cx="9.5" cy="9.5" r="9" fill="#ffffff" fill-opacity="0.92" stroke="${colour}" stroke-width="0.8"/>`
    + `<g transform="translate(2 2)" fill="${colour}">${inner}</g></svg>`;
}

async function renderSprite(ratio: 1 | 2): Promise<Sprite> {
  const size = CELL * ratio;
  const rows = Math.ceil(SPRITE_ICONS.length / COLUMNS);
  const json: Sprite['json'] = {};
  const layers = await Promise.all(SPRITE_ICONS.map(async (name, i) => {
    const left = (i % COLUMNS) * size;
    const top = Math.floor(i / COLUMNS) * size;
    json[name] = { x: left, y: top, width: size, height: size, pixelRatio: ratio };
    return { input: await sharp(Buffer.from(iconSvg(name, ratio))).png().toBuffer(), left, top };
  }));
  const png = await sharp({ create: { width: size * COLUMNS, height: size * rows, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite(layers)
    .png()
    .toBuffer();
  const etag = createHash('sha256').update(png).update(JSON.stringify(json)).digest('base64url').slice(0, 22);
  return { json, png, etag };
}

const sprites = new Map<1 | 2, Promise<Sprite>>();

/** The sprite at 1x or 2x, rendered once per process. */
export function getSprite(ratio: 1 | 2): Promise<Sprite> {
  let s = sprites.get(ratio);
  if (!s) {
    s = renderSprite(ratio);
    s.catch(() => sprites.delete(ratio));
    sprites.set(ratio, s);
  }
  return s;
}

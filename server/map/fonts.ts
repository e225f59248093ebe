// The label fonts the app serves itself: Noto Sans (SIL Open Font License 1.1) from
// @fontsource/noto-sans, latin and latin-ext subsets, named in the style's `font-faces` (MapLibre
// draws the glyphs from the woff2 files with the browser's font engine: no glyph PBFs, no internet).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(require.resolve('@fontsource/noto-sans/package.json'));

/** The font names the style uses in `text-font`, with the weight and style of their files. */
export const FONTS = {
  'Noto Sans Regular': { weight: 400, style: 'normal' },
  'Noto Sans Bold': { weight: 700, style: 'normal' },
  'Noto Sans Italic': { weight: 400, style: 'italic' },
} as const;
export type FontName = keyof typeof FONTS;

/** Subsets served, in the order MapLibre tries them; Swedish needs only the first. */
const SUBSETS = ['latin', 'latin-ext'] as const;

/** Where the app serves the font files. */
export const FONT_PATH = '/map/fonts/';

/** As the client's attribution writes it (MapLibre drops an attribution contained in another). */
export const FONT_LICENCE = 'Noto Sans (<a href="https://openfontlicense.org/" target="_blank" rel="noopener">OFL</a>)';

function fileName(subset: string, font: FontName): string {
  const f = FONTS[font];
  return `noto-sans-${subset}-${f.weight}-${f.style}.woff2`;
}

/** Every font file name the app serves. */
export const FONT_FILES: ReadonlySet<string> = new Set(SUBSETS.flatMap((s) => (Object.keys(FONTS) as FontName[]).map((f) => fileName(s, f))));

let ranges: Record<string, string> | undefined;
function unicodeRanges(): Record<string, string> {
  return (ranges ??= JSON.parse(readFileSync(join(PACKAGE_DIR, 'unicode.json'), 'utf8')) as Record<string, string>);
}

/** The style's `font-faces`: each font name → its files with the Unicode ranges they cover. */
export function fontFaces(origin: string): Record<string, { url: string; 'unicode-range': string[] }[]> {
  const out: Record<string, { url: string; 'unicode-range': string[] }[]> = {};
  for (const font of Object.keys(FONTS) as FontName[]) {
    out[font] = SUBSETS.map((s) => ({ url: `${origin}${FONT_PATH}${fileName(s, font)}`, 'unicode-range': (unicodeRanges()[s] ?? '').split(',') }));
  }
  return out;
}

/** The bytes of a served font file, or null when `name` is not one. */
export function readFontFile(name: string): Buffer | null {
  if (!FONT_FILES.has(name)) return null;
  return readFileSync(join(PACKAGE_DIR, 'files', name));
}

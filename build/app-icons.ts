// Vite plugin: the manifest and every icon size phones ask for (192, 512, maskable 512,
// apple-touch 180) rendered with sharp from the one SVG, emitted beside index.html.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { Plugin } from 'vite';
import { ICONS, makeWebManifest } from './web-manifest.ts';

export function appIcons(svgPath: string): Plugin {
  return {
    name: 'tk-app-icons',
    apply: 'build',
    async generateBundle() {
      const svg = readFileSync(svgPath);
      this.emitFile({ type: 'asset', fileName: 'icons/icon.svg', source: svg });
      for (const icon of ICONS) {
        // density scales the SVG's 512-unit canvas so small sizes are drawn, not downsampled blurs.
        const png = await sharp(svg, { density: Math.max(72, (72 * icon.size) / 512) }).resize(icon.size, icon.size).flatten({ background: '#0b3a5d' }).png({ compressionLevel: 9 }).toBuffer();
        this.emitFile({ type: 'asset', fileName: icon.file, source: png });
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: `${JSON.stringify(makeWebManifest(), null, 2)}\n` });
    },
  };
}

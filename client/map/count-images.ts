// Cluster counts drawn on a canvas and handed to MapLibre as style images, so no glyph PBFs are needed offline.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { CLUSTER_COLOR, parseCountImageId } from './layers/pins.ts';

/** Counts are grouped with a thin space (1 234), readable in both UI languages. */
export function formatClusterCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

function drawText(text: string, pixelRatio: number): ImageData {
  const fontPx = 12 * pixelRatio;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available');
  const font = `700 ${fontPx}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  ctx.font = font;
  const width = Math.ceil(ctx.measureText(text).width + 4 * pixelRatio);
  const height = Math.ceil(fontPx * 1.3);
  canvas.width = width;
  canvas.height = height;
  ctx.font = font; // resizing the canvas resets the context
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  // A dark halo keeps the digits readable where a cluster overlaps a team base or a street.
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3 * pixelRatio;
  ctx.strokeStyle = CLUSTER_COLOR;
  ctx.strokeText(text, width / 2, height / 2 + 0.5 * pixelRatio);
  ctx.fillStyle = '#ffffff';
  ctx.fillText(text, width / 2, height / 2 + 0.5 * pixelRatio);
  return ctx.getImageData(0, 0, width, height);
}

/** Generates count images on demand through MapLibre's missing-image resolver; returns the cleanup. */
export function makeCountImages(map: MapLibreMap): () => void {
  map.setMissingStyleImageResolver((id) => {
    const count = parseCountImageId(id);
    if (count === null || map.hasImage(id)) return;
    const pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1));
    map.addImage(id, drawText(formatClusterCount(count), pixelRatio), { pixelRatio });
  });
  return () => map.setMissingStyleImageResolver(null);
}

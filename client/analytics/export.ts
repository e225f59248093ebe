// Export of the current analytics view: cells as GeoJSON or CSV, and the map canvas as PNG.
import { cellToBoundary } from 'h3-js';

export interface ExportCell {
  cell: string;
  weight?: number;
  count?: number;
  class?: number;
  z?: number;
  /** Hot spots: the cell centre's place name. */
  place?: string;
}

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function cellsToGeoJson(cells: readonly ExportCell[], meta: Record<string, string>): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    metadata: meta,
    features: cells.map((c) => {
      const ring = cellToBoundary(c.cell, true);
      return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] }, properties: { ...c } };
    }),
  });
}

export function cellsToCsv(cells: readonly ExportCell[]): string {
  // Hot spots carry a place name; the heat map's cells do not, and its CSV stays as it was.
  const cols = ['cell', 'weight', 'count', 'class', 'z', ...(cells.some((c) => c.place !== undefined) ? (['place'] as const) : [])] as const;
  return [cols.join(','), ...cells.map((c) => cols.map((k) => (c[k] === undefined ? '' : csvField(String(c[k])))).join(','))].join('\n') + '\n';
}

export function download(name: string, content: Blob | string, type: string): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function downloadCanvasPng(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => blob && download(name, blob, 'image/png'), 'image/png');
}

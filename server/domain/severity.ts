// Severity weights per category for the weighted heat map: a suggested default the chief can
// edit per request (weights=brand:3,klotter:0.5). Unlisted categories weigh 1.
import { CATEGORY_CODES, type CategoryCode } from './categories.ts';

export const DEFAULT_SEVERITY: Readonly<Record<CategoryCode, number>> = {
  'hot-vald': 3,
  brand: 3,
  narkotika: 2,
  'otrygghetsskapande-samling': 2,
  skadegorelse: 1.5,
  ordningsstorning: 1.5,
  'otrygg-plats': 1,
  ovrigt: 1,
  klotter: 0.5,
  nedskrapning: 0.5,
};

/** Parses "brand:3,klotter:0.5" (or "default"); throws a message naming the bad part. */
export function parseSeverity(text: string): Record<string, number> {
  if (text.trim() === 'default') return { ...DEFAULT_SEVERITY };
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [code, w] = part.split(':');
    const weight = Number(w);
    if (!code || !(CATEGORY_CODES as readonly string[]).includes(code)) throw new Error(`"${code}" is not a category code`);
    if (w === undefined || !Number.isFinite(weight) || weight < 0 || weight > 100) throw new Error(`the weight of ${code} must be a number 0–100`);
    out[code] = weight;
  }
  return out;
}

export function severityOf(weights: Readonly<Record<string, number>> | undefined, category: string): number {
  return weights?.[category] ?? 1;
}

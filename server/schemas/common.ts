// Shared zod pieces for query strings: comma lists, dates, bounding boxes.
import { z } from 'zod';
import { parseLocalDate } from '../domain/stockholm-time.ts';

/** "a,b,c" → ['a','b','c'] checked against an item schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function csvList<T extends string>(item: z.ZodType<T, any>) {
  return z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).max(50));
}

/** A date (YYYY-MM-DD, Europe/Stockholm) or an ISO date-time with offset; `end` makes a date mean the end of that day. */
export function instant(end: boolean) {
  return z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .transform((s) => new Date(s.length === 10 ? parseLocalDate(s, end) : Date.parse(s)))
    .describe('YYYY-MM-DD (Europe/Stockholm) or ISO 8601 date-time with offset');
}

export const BboxParam = z
  .string()
  .transform((s, ctx) => {
    const n = s.split(',').map(Number);
    const [w, so, e, no] = n;
    if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || w! < -180 || e! > 180 || so! < -90 || no! > 90 || w! > e! || so! > no!) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be minLon,minLat,maxLon,maxLat in WGS84 with min ≤ max' });
      return z.NEVER;
    }
    return n as [number, number, number, number];
  })
  .describe('minLon,minLat,maxLon,maxLat (WGS84)');

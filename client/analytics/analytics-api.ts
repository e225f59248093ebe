// Calls to the analytics and import endpoints; every call resolves to the body or throws a ProblemError.
import type { MultiPolygon, Polygon } from 'geojson';
import { readJson, toProblemError, isAbortError } from '../api/problem-error.ts';

export interface HeatCell { cell: string; weight: number; count: number }
/** A Gi* cell; `place` names its centre as the lägesbild names places (Swedish). */
export interface HotspotCell { cell: string; value: number; z: number; p: number; class: number; place: string }
export interface TrendCell { cell: string; pattern: string | null; trendZ: number; trendP: number; nearRepeat: boolean; series: number[] }
export interface ClockBody { matrix: number[][]; counts: number[][] }
export interface DistrictRow { district: string; category: string; weight: number; count: number; population: number | null; per1000: number | null }
export interface DistrictTotal { district: string; name: string; weight: number; count: number; population: number | null; per1000: number | null; smallNumbers: boolean }
export interface SmallNumbersRule { minCount: number; minPopulation: number }
export interface DesoTotal { code: string; regso: string; regsoName: string; district: string; population: number; weight: number; count: number; per1000: number | null; smallNumbers: boolean }
export interface DesoAreaCollection {
  type: 'FeatureCollection';
  attribution: string;
  features: { type: 'Feature'; id: string; geometry: Polygon | MultiPolygon; properties: { code: string; regso: string; regsoName: string; district: string | null; population: number; source: string } }[];
}
export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  progress: { bytesRead: number; totalBytes: number | null; rowsRead: number; inserted: number; rejected: number };
  duplicates: number;
  rejections: { line: number; field: string; reason: string }[];
  error: string | null;
}

export type Params = Record<string, string | undefined>;

async function get<T>(path: string, params: Params, signal?: AbortSignal): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  let res: Response;
  try {
    res = await fetch(`/api${path}${q.size ? `?${q}` : ''}`, { headers: { accept: 'application/json' }, credentials: 'same-origin', ...(signal ? { signal } : {}) });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw toProblemError(err);
  }
  return readJson<T>(res);
}

export const analyticsApi = {
  heatmap: (p: Params, signal?: AbortSignal) => get<{ res: number; cells: HeatCell[] }>('/heatmap', p, signal),
  hotspots: (p: Params, signal?: AbortSignal) => get<{ res: number; cells: HotspotCell[] }>('/hotspots', p, signal),
  trends: (p: Params, signal?: AbortSignal) => get<{ weeks: string[]; cells: TrendCell[] }>('/trends', p, signal),
  clock: (p: Params, signal?: AbortSignal) => get<ClockBody>('/clock', p, signal),
  districts: (p: Params, signal?: AbortSignal) => get<{ rows: DistrictRow[]; districts: DistrictTotal[]; smallNumbers: SmallNumbersRule }>('/analytics/districts', p, signal),
  deso: (p: Params, signal?: AbortSignal) => get<{ areas: DesoTotal[]; smallNumbers: SmallNumbersRule }>('/analytics/deso', p, signal),
  desoAreas: (signal?: AbortSignal) => get<DesoAreaCollection>('/deso', {}, signal),
  importJob: (id: string) => get<ImportJob>(`/imports/${id}`, {}),
  async upload(file: File, params: Params): Promise<ImportJob> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    const type = /\.(geo)?json$/i.test(file.name) ? 'application/geo+json' : 'text/csv';
    try {
      return await readJson<ImportJob>(await fetch(`/api/imports?${q}`, { method: 'POST', headers: { 'Content-Type': type, accept: 'application/json' }, body: file, credentials: 'same-origin' }));
    } catch (err) {
      throw toProblemError(err);
    }
  },
};

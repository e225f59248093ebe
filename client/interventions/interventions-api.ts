// Calls to /api/interventions and /api/sun; every call resolves to the body or throws a ProblemError.
import { readJson, toProblemError } from '../api/problem-error.ts';

export interface Intervention {
  id: string; kind: string; title: string; whereKind: 'cells' | 'polygon' | 'place'; cells: string[]; placeName: string; lat: number; lon: number;
  districts: string[]; start: string; end: string | null; organisation: string; cost: number | null; notes: string; actionId: string | null;
  controlCells: string[] | null; weeks: number; bufferRings: number; status: 'planned' | 'running' | 'ended'; closedAt: string | null;
}

export interface Evaluation {
  weeks: number;
  counts: Record<'target' | 'buffer' | 'control' | 'bufferControl', { before: number; after: number }>;
  wdd: { value: number; se: number; z: number; p: number };
  wddDisplacement: { value: number; se: number; z: number; p: number };
  wdq: { value: number; readingSv: string; reading: string } | null;
  rateRatio: { estimate: number; low: number; high: number; p: number; family: string } | null;
  placeboP: number | null;
  smallestDetectableChange: number;
  verdict: string;
  darkness: { oddsRatio: number; low: number; high: number; p: number; target: Record<'before' | 'after', { share: number | null }>; control: Record<'before' | 'after', { share: number | null }> } | null;
  series: { weekStarts: string[]; target: number[]; control: number[]; controlScaled: number[]; start: string | null };
}

export type InterventionBody = Omit<Intervention, 'id' | 'cells' | 'placeName' | 'lat' | 'lon' | 'districts' | 'status' | 'closedAt' | 'whereKind'> & {
  where: { type: 'cells'; cells: string[] } | { type: 'polygon'; polygon: { type: 'Polygon'; coordinates: [number, number][][] } };
};

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  try {
    return await readJson<T>(await fetch(`/api${path}`, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) } }));
  } catch (err) {
    throw toProblemError(err);
  }
}

export const interventionsApi = {
  list: () => call<{ interventions: Intervention[] }>('/interventions'),
  create: (b: InterventionBody) => call<Intervention>('/interventions', { method: 'POST', body: JSON.stringify(b) }),
  update: (id: string, b: InterventionBody) => call<Intervention>(`/interventions/${id}`, { method: 'PUT', body: JSON.stringify(b) }),
  close: (id: string) => call<Intervention>(`/interventions/${id}/close`, { method: 'POST', body: '{}' }),
  evaluation: (id: string) => call<Evaluation>(`/interventions/${id}/evaluation`),
};

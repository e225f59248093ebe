// The residents' calls: the public form (multipart, so plain fetch), status by token, public pins.
import { readJson, toProblemError, isAbortError } from '../api/problem-error.ts';
import type { ResidentPinCollection, ResidentPinProps } from '../map/layers/resident-pins.ts';

export interface PublicReport extends ResidentPinProps {
  lat: number;
  lon: number;
}

export interface Receipt {
  trackingToken: string;
  trackingUrl: string;
  statusUrl: string;
  hasPhoto: boolean;
  hasContact: boolean;
  report: PublicReport;
}

async function send<T>(input: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(input, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw toProblemError(err);
  }
  return readJson<T>(res);
}

export interface WeeklyCounts {
  weeks: string[];
  districts: { id: string; name: string }[];
  rows: { district: string; week: string; category: string; count: number }[];
}

export const reportApi = {
  weeklyCounts: (weeks: number) => send<WeeklyCounts>(`/api/public/weekly-counts?weeks=${weeks}`),
  submit: (form: FormData) => send<Receipt>('/api/public/reports', { method: 'POST', body: form }),
  status: (token: string, signal?: AbortSignal) => send<PublicReport>(`/api/public/reports/${encodeURIComponent(token)}`, signal ? { signal } : {}),
  pins: (query: Record<string, string>, signal?: AbortSignal) => send<ResidentPinCollection>(`/api/public/pins?${new URLSearchParams(query)}`, signal ? { signal } : {}),
};

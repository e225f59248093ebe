// Calls of the admin page: who am I, and what the public map may show (GET/PUT /api/admin/disclosure).
import { readJson, toProblemError } from '../api/problem-error.ts';

export interface DisclosureSetting {
  value: string;
  public: boolean;
  default: boolean;
}

export interface DisclosureSettings {
  minReportsPerCell: number;
  categories: (DisclosureSetting & { sv: string; en: string })[];
  sources: DisclosureSetting[];
}

export interface DisclosureChange {
  kind: 'category' | 'source';
  value: string;
  public: boolean;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = { accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) };
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' }).catch((err: unknown) => {
    throw toProblemError(err);
  });
  return readJson<T>(res);
}

export const adminApi = {
  me: () => call<{ user: { email: string; role: string } | null; permissions: string[] }>('/api/auth/me'),
  disclosure: () => call<DisclosureSettings>('/api/admin/disclosure'),
  setDisclosure: (change: DisclosureChange) => call<DisclosureSettings>('/api/admin/disclosure', { method: 'PUT', body: JSON.stringify(change) }),
};

// The Lägesbild page's calls: JSON in and out, problem+json answers thrown as ProblemErrors
// carrying their stable `code`, worded by client/i18n/problem-texts.ts.
import { readJson, toProblemError } from '../api/problem-error.ts';
export interface LagesbildDoc {
  week: string;
  monday: string;
  sunday: string;
  frozenAt: string | null;
  districts: { id: string; name: string; frozenAt: string | null }[];
  totals: { district: string; count: number; baseline: number; expected: number; exposure: number }[];
  changes: { district: string; category: string; count: number; baseline: number; expected?: number; p: number; change: 'rise' | 'fall' | 'none' }[];
  hotspots: { district: string; cell: string; kind: string; place: string; series: number[] }[];
  presence: { district: string; minutes: number; presenceShare: number; needShare: number }[];
  partners: { district: string; name: string; reports: number; otrygghet: number }[];
  otrygghet: { district: string; count: number; reports: { id: string; category: string; placeKind: string | null; place: string; organisation: string | null }[] }[];
  actions: { id: string; district: string; what: string; place: string | null; organisation: string | null; responsiblePerson: string | null; dueDate: string | null; status: string; since: { count: number } }[];
  late: { district: string; week: string; count: number }[];
  grades: { district: string; grade: string; indicators: { id: string; sv: string; en: string; value: number; level: string }[] }[];
  analysis: { district: string; text: string }[];
  sources: { district: string; id: string; sv: string; en: string }[];
  comments: { id: string; district: string; author: string; organisation: string | null; body: string; createdAt: string }[];
  draft: { mailed: number; mailNote: string | null } | null;
  mail: { configured: boolean };
  canComment: boolean;
}

/** Any failure is the client's one error type, ProblemError (a network failure has status 0). */
async function send<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) } }).catch((err: unknown) => {
    throw toProblemError(err);
  });
  if (res.status === 204) return undefined as T;
  return readJson<T>(res);
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

export const lagesbildApi = {
  me: () => send<{ user: { id: string; role: string } | null; permissions: string[] }>('/api/auth/me'),
  read: (week: string, district: string) => send<LagesbildDoc>(`/api/lagesbild?${new URLSearchParams({ week, ...(district ? { district } : {}) })}`),
  meeting: (week: string, districts: string[]) => send<unknown>(`/api/lagesbild/${week}/meeting`, json('POST', { districts })),
  analysis: (week: string, district: string, analysis: string) => send<unknown>(`/api/lagesbild/${week}/analysis`, json('PUT', { district, analysis })),
  comment: (week: string, district: string, body: string) => send<unknown>(`/api/lagesbild/${week}/comments`, json('POST', { district, body })),
  addAction: (a: Record<string, unknown>) => send<unknown>('/api/lagesbild/actions', json('POST', a)),
  setStatus: (id: string, status: string) => send<unknown>(`/api/lagesbild/actions/${id}`, json('PATCH', { status })),
  organisations: () => send<{ organisations: { id: string; name: string; kind: string; members: { userId: string; email: string; districts: string[] }[] }[] }>('/api/admin/organisations'),
  putOrganisation: (o: { id: string; name: string; kind: string }) => send<unknown>('/api/admin/organisations', json('PUT', o)),
  putMember: (org: string, userId: string, districts: string[]) => send<unknown>(`/api/admin/organisations/${org}/members/${encodeURIComponent(userId)}`, json('PUT', { districts })),
};

/** The current ISO week in Stockholm, e.g. '2026-W48'. */
/**
 * The week the meeting reviews by default: the last complete ISO week (Europe/Stockholm). The
 * running week would compare a few days against eight whole weeks and read as a fall everywhere.
 */
export function lastCompleteIsoWeek(now = new Date()): string {
  return currentIsoWeek(new Date(now.getTime() - 7 * 86_400_000));
}

export function currentIsoWeek(now = new Date()): string {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
  const t = Date.parse(`${date}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  const thursday = new Date(t + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

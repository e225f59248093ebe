// What the anonymous public (the public map, Open311) may see of the reports. Decided rule:
// residents' and partners' reports that moderation approved are public pins, masked (cell
// centre, the hour); police reports and the sensitive categories are never pins, only weekly
// counts per district; a cell is drawn only when at least MIN_REPORTS_PER_CELL pins fall in it
// within the window (small-number suppression, as statistical agencies do). An admin may
// change per category and per source whether it is public; these are the defaults.
import { CATEGORIES, SOURCES, type CategoryCode, type Source } from './categories.ts';

/** Fewest public reports a cell needs within the window to be drawn at all. */
export const MIN_REPORTS_PER_CELL = 3;

/** Categories never shown as public pins by default: they can point at a person or a crime scene. */
export const SENSITIVE_CATEGORIES: readonly CategoryCode[] = ['hot-vald', 'narkotika'];

/**
 * Sources whose reports are public pins by default: residents' and partners' (public channels,
 * moderated), and the synthetic demo reports (never real; they stand in for approved residents'
 * reports so the demo's public map is not empty; an admin can turn them off).
 */
export const PUBLIC_SOURCES_BY_DEFAULT: readonly Source[] = ['resident', 'partner', 'demo'];

/** Sources whose reports go through moderation; their reports count publicly only once approved. */
export const MODERATED_SOURCES: readonly Source[] = ['resident', 'partner'];

export type DisclosureKind = 'category' | 'source';

export interface DisclosureOverride {
  kind: DisclosureKind;
  value: string;
  public: boolean;
}

export interface DisclosurePolicy {
  /** Category codes that may be public pins. */
  categories: readonly string[];
  /** Sources that may be public pins. */
  sources: readonly string[];
  minReportsPerCell: number;
}

export function defaultPublic(kind: DisclosureKind, value: string): boolean {
  return kind === 'category' ? !(SENSITIVE_CATEGORIES as readonly string[]).includes(value) : (PUBLIC_SOURCES_BY_DEFAULT as readonly string[]).includes(value);
}

/** The policy from the defaults with the admin's overrides laid over them. */
export function makeDisclosurePolicy(overrides: readonly DisclosureOverride[]): DisclosurePolicy {
  const set = new Map(overrides.map((o) => [`${o.kind}:${o.value}`, o.public]));
  const isPublic = (kind: DisclosureKind, value: string) => set.get(`${kind}:${value}`) ?? defaultPublic(kind, value);
  return {
    categories: CATEGORIES.map((c) => c.code).filter((c) => isPublic('category', c)),
    sources: SOURCES.filter((s) => isPublic('source', s)),
    minReportsPerCell: MIN_REPORTS_PER_CELL,
  };
}

/** Every setting with its current value and default, for the admin page. */
export function disclosureSettings(policy: DisclosurePolicy) {
  return {
    minReportsPerCell: policy.minReportsPerCell,
    categories: CATEGORIES.map((c) => ({ value: c.code, sv: c.sv, en: c.en, public: policy.categories.includes(c.code), default: defaultPublic('category', c.code) })),
    sources: SOURCES.map((s) => ({ value: s, public: policy.sources.includes(s), default: defaultPublic('source', s) })),
  };
}

/**
 * Keeps the rows whose cell holds at least `min` of them (rows are already the reports that
 * may be shown). Pure: the SQL applies the same rule; this is its reference for tests and for
 * lists assembled in memory.
 */
export function suppressSmallCells<T extends { cell: string }>(rows: readonly T[], min: number): T[] {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.cell, (n.get(r.cell) ?? 0) + 1);
  return rows.filter((r) => (n.get(r.cell) ?? 0) >= min);
}

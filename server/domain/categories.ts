// Report categories, after Swedish EST practice (Effektiv Samordning för Trygghet), with sv/en labels.

export interface Category {
  code: string;
  sv: string;
  en: string;
  /** Map colour (hex). */
  color: string;
}

export const CATEGORIES = [
  { code: 'skadegorelse', sv: 'Skadegörelse', en: 'Vandalism', color: '#b45309' },
  { code: 'klotter', sv: 'Klotter', en: 'Graffiti', color: '#a16207' },
  { code: 'brand', sv: 'Brand', en: 'Fire', color: '#dc2626' },
  { code: 'ordningsstorning', sv: 'Ordningsstörning', en: 'Public disorder', color: '#7c3aed' },
  { code: 'otrygghetsskapande-samling', sv: 'Otrygghetsskapande samling', en: 'Intimidating gathering', color: '#db2777' },
  { code: 'narkotika', sv: 'Narkotika', en: 'Drugs', color: '#0f766e' },
  { code: 'hot-vald', sv: 'Hot/våld', en: 'Threats/violence', color: '#991b1b' },
  { code: 'otrygg-plats', sv: 'Otrygg plats (belysning, sly)', en: 'Unsafe place (lighting, overgrowth)', color: '#1d4ed8' },
  { code: 'nedskrapning', sv: 'Nedskräpning', en: 'Littering', color: '#4d7c0f' },
  { code: 'ovrigt', sv: 'Övrigt', en: 'Other', color: '#475569' },
] as const satisfies readonly Category[];

export type CategoryCode = (typeof CATEGORIES)[number]['code'];

export const CATEGORY_CODES = CATEGORIES.map((c) => c.code) as [CategoryCode, ...CategoryCode[]];

/** Who sent a report. `demo` marks synthetic data. */
export const SOURCES = ['resident', 'staff', 'partner', 'police', 'demo'] as const;
export type Source = (typeof SOURCES)[number];

/**
 * Report life cycle. Staff reports: new → confirmed → closed. Residents' reports are moderated:
 * new → approved (text public) | rejected (with a reason) | merged (into another report) | closed.
 */
export const STATUSES = ['new', 'approved', 'confirmed', 'merged', 'closed', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];

/** Why a moderator rejected a resident's report. */
export const REJECT_REASONS = ['spam', 'offensive', 'not-our-matter'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

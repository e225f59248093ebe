// EST vocabulary (Effektiv samordning för trygghet): the reporter's otrygghet judgement, kinds
// of place, organisation kinds and the statuses of actions, with Swedish and English labels.

export const OTRYGGHET = ['ja', 'nej', 'vet-ej'] as const;
export type Otrygghet = (typeof OTRYGGHET)[number];

export const PLACE_KINDS = [
  { code: 'trapphus', sv: 'Trapphus', en: 'Stairwell' },
  { code: 'entre', sv: 'Entré', en: 'Entrance' },
  { code: 'kallare', sv: 'Källare', en: 'Basement' },
  { code: 'butik', sv: 'Butik', en: 'Shop' },
  { code: 'skolgard', sv: 'Skolgård', en: 'School yard' },
  { code: 'busshallplats', sv: 'Busshållplats', en: 'Bus stop' },
  { code: 'park', sv: 'Park', en: 'Park' },
  { code: 'parkering', sv: 'Parkering', en: 'Car park' },
  { code: 'gangtunnel', sv: 'Gångtunnel', en: 'Underpass' },
  { code: 'lekplats', sv: 'Lekplats', en: 'Playground' },
  { code: 'gata', sv: 'Gata', en: 'Street' },
  { code: 'annat', sv: 'Annat', en: 'Other' },
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number]['code'];
export const PLACE_KIND_CODES = PLACE_KINDS.map((p) => p.code) as [PlaceKind, ...PlaceKind[]];

export const ORGANISATION_KINDS = ['polis', 'fastighetsagare', 'skola', 'forening', 'naringsliv', 'kommun', 'raddningstjanst', 'annan'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ACTION_STATUSES = [
  { code: 'ej-paborjad', sv: 'Ej påbörjad', en: 'Not started', open: true },
  { code: 'pagar', sv: 'Pågår', en: 'In progress', open: true },
  { code: 'klar', sv: 'Klar', en: 'Done', open: false },
  { code: 'stangd-utan-atgard', sv: 'Stängd utan åtgärd', en: 'Closed without action', open: false },
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number]['code'];
export const ACTION_STATUS_CODES = ACTION_STATUSES.map((s) => s.code) as [ActionStatus, ...ActionStatus[]];
export const isOpenStatus = (s: string) => ACTION_STATUSES.some((x) => x.code === s && x.open);

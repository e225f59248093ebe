// Swedish UI strings (the default language). English mirrors these keys in en.ts.

export const sv = {
  appTitle: 'Trygghetskartan',
  appSubtitle: 'Karta för områdesteamens patrullplanering',
  languageLabel: 'Språk',
  openFilters: 'Filter',
  filtersHeading: 'Filter',
  showMap: (count: string) => `Visa ${count} på kartan`,
  districtsLegend: 'Område',
  categoriesLegend: 'Kategori',
  dateRangeLegend: 'Tidsperiod',
  dateFrom: 'Från',
  dateTo: 'Till',
  allDistricts: 'Alla områden',
  allCategories: 'Alla kategorier',
  resetFilters: 'Återställ filter',
  last90Days: 'Senaste 90 dagarna',
  dateRangeInvalid: 'Startdatumet ligger efter slutdatumet.',
  pinCount: (count: string) => `${count} rapporter`,
  pinCountOne: '1 rapport',
  pinCountLoading: 'Hämtar rapporter…',
  pinCountTruncated: (cap: string) => `Visar de första ${cap}. Smalna av filtret för att se alla.`,
  legendHeading: 'Teckenförklaring',
  legendDistrict: 'Områdesgräns',
  legendStreet: 'Gata eller gångväg',
  legendUnlit: 'Obelyst enligt OpenStreetMap',
  legendBase: 'Teambas',
  legendCluster: 'Flera rapporter (antal)',
  streetsMissing: (name: string) => `${name}: gatunätet saknas eller är ofullständigt här.`,
  streetsNotLoaded: 'Inget gatunät är inläst. Läs in ett med npm run geodata -- import-streets.',
  popupDistrict: 'Område',
  popupObserved: 'Observerad',
  popupCell: 'H3-cell',
  popupSource: 'Källa',
  sources: { resident: 'invånare', staff: 'personal', partner: 'samverkanspartner', police: 'polisen', demo: 'demodata (syntetisk)' },
  popupLoading: 'Hämtar rapport…',
  popupNoDescription: 'Ingen beskrivning.',
  popupMasked: 'Offentlig vy: platsen visas som mitten av sin H3-ruta och tiden per timme. Logga in för detaljer.',
  mapRegionLabel: 'Karta över områdena med rapporter',
  mapLoading: 'Laddar kartan…',
  errorHeading: 'Något gick fel',
  errorDismiss: 'Stäng',
  errorRetry: 'Försök igen',
  errorConfig: 'Kunde inte hämta inställningarna',
  errorCategories: 'Kunde inte hämta kategorierna',
  errorDistricts: 'Kunde inte hämta områdena',
  errorBases: 'Kunde inte hämta teambaserna',
  errorStreets: 'Kunde inte hämta gatunätet',
  errorPins: 'Kunde inte hämta rapporterna',
  errorReport: 'Kunde inte hämta rapporten',
  errorBasemap: 'Bakgrundskartan kunde inte laddas; visar kartan utan bakgrund',
  errorNetwork: 'Servern svarar inte. Kontrollera anslutningen och försök igen.',
  errorMap: 'Kartan kunde inte visas',
  sourceLabel: 'Källa',
  streetsPartialShort: 'gatunätet ofullständigt',
  skipToFilters: 'Hoppa till filtren',
} as const;

/** The shape every language must fill: same keys, same function signatures. */
export type Messages = {
  [K in keyof typeof sv]: (typeof sv)[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : (typeof sv)[K] extends string
      ? string
      : { [S in keyof (typeof sv)[K]]: string };
};

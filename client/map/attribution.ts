// The credits every map of the app shows: OpenStreetMap (ODbL) for the basemap and streets, SCB
// for the districts, and the licences of the label font (OFL) and the icons (CC0).

const link = (href: string, text: string) => `<a href="${href}" target="_blank" rel="noopener">${text}</a>`;

/** With links to the licences, for MapLibre's attribution control (links only: nothing is fetched). */
export const ATTRIBUTION_HTML = [
  `${link('https://www.openstreetmap.org/copyright', '© OpenStreetMap contributors')} (${link('https://opendatacommons.org/licenses/odbl/', 'ODbL')})`,
  'Källa: SCB',
  `Noto Sans (${link('https://openfontlicense.org/', 'OFL')})`,
  `Maki-ikoner (${link('https://creativecommons.org/publicdomain/zero/1.0/', 'CC0')})`,
];

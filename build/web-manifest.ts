// The web app manifest (installable on phones): Swedish name, theme colour, icons, and shortcuts
// to field mode and the residents' form. Pure, so the test checks what the build writes.

export const THEME_COLOR = '#0b3a5d';
export const BACKGROUND_COLOR = '#f6f7f9';

/** PNG icons made from client/icons/app-icon.svg: file name → pixel size and purpose. */
export const ICONS = [
  { file: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { file: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { file: 'icons/icon-maskable-512.png', size: 512, purpose: 'maskable' },
  { file: 'icons/apple-touch-icon.png', size: 180, purpose: 'apple' },
] as const;

export function makeWebManifest() {
  const icon = (file: string, size: number, purpose: string) => ({ src: `/${file}`, sizes: `${size}x${size}`, type: 'image/png', purpose });
  return {
    name: 'Trygghetskartan – Linköpings områdesteam',
    short_name: 'Trygghetskartan',
    description: 'Rapportera otrygga platser och planera områdesteamens patruller i Berga, Ryd och Skäggetorp.',
    lang: 'sv',
    dir: 'ltr',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    icons: ICONS.filter((i) => i.purpose !== 'apple').map((i) => icon(i.file, i.size, i.purpose)),
    shortcuts: [
      { name: 'Fältläge', short_name: 'Fält', description: 'Starta en patrull och spara positionen', url: '/falt', icons: [icon('icons/icon-192.png', 192, 'any')] },
      { name: 'Rapportera en plats', short_name: 'Rapportera', description: 'Rapportera en otrygg plats eller händelse', url: '/rapportera', icons: [icon('icons/icon-192.png', 192, 'any')] },
    ],
  };
}

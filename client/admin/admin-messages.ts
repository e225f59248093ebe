// Swedish (default) and English strings of the admin page.
import type { Lang } from '../i18n/messages.ts';

const sv = {
  title: 'Administration: vad den offentliga kartan visar',
  back: 'Till kartan',
  signInBlocks: 'Inloggningsspärrar',
  intro: (min: number) =>
    `Den offentliga kartan och Open311 visar boendes och samarbetspartners rapporter som granskats och godkänts, i sin H3-ruta och per timme. En ruta visas bara när minst ${min} rapporter ligger i den under den valda perioden. Det som inte visas som punkter redovisas bara som antal per område och vecka.`,
  categories: 'Kategorier',
  sources: 'Källor',
  shownAsPins: 'visas som punkter',
  defaultOn: 'standard: visas',
  defaultOff: 'standard: visas inte',
  saved: (label: string, isPublic: boolean) => `Sparat: ${label} ${isPublic ? 'visas nu som punkter' : 'visas nu bara som veckoantal per område'}. Ändringen är loggad.`,
  needsAdmin: 'Sidan kräver ett administratörskonto.',
  signIn: 'Logga in',
  loading: 'Hämtar…',
  failed: 'Det gick inte',
  sourceNames: { resident: 'Boende', staff: 'Personal', partner: 'Samarbetspartner', police: 'Polisen', demo: 'Demodata (syntetisk)' } as Record<string, string>,
};

export type AdminMessages = typeof sv;

const en: AdminMessages = {
  title: 'Administration: what the public map shows',
  back: 'Back to the map',
  signInBlocks: 'Sign-in blocks',
  intro: (min: number) =>
    `The public map and Open311 show residents' and partners' reports that moderation approved, in their H3 cell and by the hour. A cell is drawn only when at least ${min} reports fall in it within the chosen period. What is not shown as pins is published only as counts per district and week.`,
  categories: 'Categories',
  sources: 'Sources',
  shownAsPins: 'shown as pins',
  defaultOn: 'default: shown',
  defaultOff: 'default: not shown',
  saved: (label: string, isPublic: boolean) => `Saved: ${label} ${isPublic ? 'is now shown as pins' : 'is now published only as weekly counts per district'}. The change is logged.`,
  needsAdmin: 'This page needs an administrator account.',
  signIn: 'Sign in',
  loading: 'Loading…',
  failed: 'That did not work',
  sourceNames: { resident: 'Residents', staff: 'Staff', partner: 'Partners', police: 'Police', demo: 'Demo data (synthetic)' },
};

export function adminMessagesFor(lang: Lang): AdminMessages {
  return lang === 'en' ? en : sv;
}

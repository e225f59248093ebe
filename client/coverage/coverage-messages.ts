// Strings for the coverage page (/tackning): Swedish first, English selectable.
export type CoverageLang = 'sv' | 'en';

const sv = {
  title: 'Närvaro mot behov',
  language: 'English',
  intro: 'Rött: hög risk men lite närvaro de senaste veckorna. Grönt: mer närvaro än risken kräver. Blå kanter: var teamen har varit.',
  weeks: 'Närvaro under',
  weeksN: (n: number) => `${n} ${n === 1 ? 'vecka' : 'veckor'}`,
  gapsHeading: 'Störst glapp',
  gapsEmpty: 'Inga rapporter i urvalet – inget behov att jämföra med.',
  alertsHeading: 'I kväll',
  alertsEmpty: 'Inga hotspots med högriskband i dag.',
  status: { overdue: 'Försenad', due: 'Väntar', upcoming: 'Senare', ok: 'Besökt' } as Record<'overdue' | 'due' | 'upcoming' | 'ok', string>,
  mapLabel: 'Karta över närvaro och glapp per hexagon',
  signInNeeded: 'Logga in som teamledare eller säkerhetschef för att se närvaron.',
  signIn: 'Logga in',
  email: 'E-post',
  password: 'Lösenord',
  loadFailed: 'Kunde inte hämta',
};

export type CoverageMessages = typeof sv;

const en: CoverageMessages = {
  title: 'Presence against need',
  language: 'Svenska',
  intro: 'Red: high risk but little presence in recent weeks. Green: more presence than the risk calls for. Blue edges: where the teams have been.',
  weeks: 'Presence over',
  weeksN: (n) => `${n} ${n === 1 ? 'week' : 'weeks'}`,
  gapsHeading: 'Largest gaps',
  gapsEmpty: 'No reports in the selection – no need to compare with.',
  alertsHeading: 'Tonight',
  alertsEmpty: 'No hot spots with a risk band today.',
  status: { overdue: 'Overdue', due: 'Due', upcoming: 'Later', ok: 'Visited' },
  mapLabel: 'Map of presence and gaps per hexagon',
  signInNeeded: 'Sign in as a team leader or the safety chief to see presence.',
  signIn: 'Sign in',
  email: 'E-mail',
  password: 'Password',
  loadFailed: 'Could not load',
};

export function coverageMessages(lang: CoverageLang): CoverageMessages {
  return lang === 'en' ? en : sv;
}

// Sign-in page and account menu texts, Swedish first.
import type { Lang } from '../i18n/messages.ts';

const sv = {
  signInTitle: 'Logga in',
  signInIntro: 'För områdesteamens personal, trygghetssamordnare och samarbetspartner.',
  email: 'E-postadress',
  password: 'Lösenord',
  signIn: 'Logga in',
  signingIn: 'Loggar in…',
  signOut: 'Logga ut',
  residentHeading: 'Är du boende?',
  residentText: 'Du behöver inget konto för att rapportera något som känns otryggt.',
  residentLink: 'Rapportera en plats eller händelse',
  wrong: 'Fel e-postadress eller lösenord.',
  unreachable: 'Servern svarar inte just nu. Försök igen om en stund.',
  checking: 'Kontrollerar inloggning…',
  signedInAs: 'Inloggad som',
  roles: { resident: 'Boende', field: 'Fältpersonal', teamleader: 'Teamledare', chief: 'Säkerhetschef', partner: 'Samarbetspartner', admin: 'Administratör' },
  links: { map: 'Karta', analytics: 'Analys', coverage: 'Täckning', lagesbild: 'Lägesbild', interventions: 'Insatser', moderation: 'Granskning', field: 'Fältläge', report: 'Rapportera', admin: 'Offentlig karta', signInBlocks: 'Inloggningsspärrar', docs: 'API' },
  publicMapNote: 'Offentlig karta: granskade rapporter visas i sin H3-ruta och per timme, bara där minst tre finns. Personal loggar in för mer.',
  staffSignIn: 'Logga in (personal)',
  menu: 'Konto och sidor',
  otherLang: 'English',
};

export type AuthMessages = typeof sv;

const en: AuthMessages = {
  signInTitle: 'Sign in',
  signInIntro: 'For the area teams, the safety coordinators and partners.',
  email: 'E-mail address',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  residentHeading: 'Are you a resident?',
  residentText: 'You need no account to report a place or event that feels unsafe.',
  residentLink: 'Report a place or event',
  wrong: 'Wrong e-mail address or password.',
  unreachable: 'The server does not answer right now. Try again shortly.',
  checking: 'Checking sign-in…',
  signedInAs: 'Signed in as',
  roles: { resident: 'Resident', field: 'Field staff', teamleader: 'Team leader', chief: 'Safety chief', partner: 'Partner', admin: 'Administrator' },
  links: { map: 'Map', analytics: 'Analysis', coverage: 'Coverage', lagesbild: 'Situation report', interventions: 'Interventions', moderation: 'Moderation', field: 'Field mode', report: 'Report', admin: 'Public map', signInBlocks: 'Sign-in blocks', docs: 'API' },
  publicMapNote: 'Public map: moderated reports are shown in their H3 cell and by the hour, only where at least three fall. Staff sign in for more.',
  staffSignIn: 'Sign in (staff)',
  menu: 'Account and pages',
  otherLang: 'Svenska',
};

export function authMessagesFor(lang: Lang): AuthMessages {
  return lang === 'en' ? en : sv;
}

/** The UI language from ?lang= (the app's own switch), Swedish by default. */
export function langFromLocation(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv';
}

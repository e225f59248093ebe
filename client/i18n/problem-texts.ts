// The words for every problem code the server can send (server/http/problem-codes.ts), in
// Swedish and English, side by side. A new code is one entry here; typecheck and
// tests/client/problem-texts.test.ts fail while a code lacks either text. Values come from the
// problem's structured members (`p`), never from its English `detail`.
import type { FieldErrorCode, ProblemCode } from '../../server/http/problem-codes.ts';
import type { Lang } from './messages.ts';
import { formatCount, TIME_ZONE } from './format.ts';
import { localeFor } from './messages.ts';

/** A problem's structured members, read safely. */
export interface TextParams {
  num(name: string): number | null;
  str(name: string): string;
  list(name: string): string;
  /** "in 3 min" / "om 3 min" (from retryAfterS) and, when given, the clock time (from retryAt). */
  wait(): string;
}

export type Text = string | ((p: TextParams) => string);
export interface Texts {
  sv: Text;
  en: Text;
}

/** Codes the client makes itself: no answer at all, or an answer without a code. */
export type ClientProblemCode = 'network' | 'unknown' | 'local';

export const PROBLEM_TEXTS: Record<ProblemCode | ClientProblemCode, Texts> = {
  network: { sv: 'Servern gick inte att nå. Kontrollera anslutningen och försök igen.', en: 'The server could not be reached. Check the connection and try again.' },
  unknown: { sv: 'Något gick fel. Försök igen.', en: 'Something went wrong. Try again.' },
  local: { sv: (p) => p.str('text'), en: (p) => p.str('text') },
  'bad-request': { sv: 'Begäran kunde inte läsas.', en: 'The request could not be read.' },
  unauthenticated: { sv: 'Logga in för att fortsätta.', en: 'Sign in to continue.' },
  forbidden: { sv: 'Du har inte behörighet att göra detta.', en: 'You are not allowed to do this.' },
  'not-found': { sv: 'Det du sökte finns inte.', en: 'What you looked for does not exist.' },
  'method-not-allowed': { sv: 'Den här åtgärden går inte att göra här.', en: 'This action is not possible here.' },
  conflict: { sv: 'Ändringen krockar med det som redan är sparat. Ladda om och försök igen.', en: 'The change conflicts with what is already stored. Reload and try again.' },
  'too-large': { sv: 'Det du skickade är för stort.', en: 'What you sent is too large.' },
  'unsupported-media-type': { sv: 'Filen eller formatet stöds inte.', en: 'The file or format is not supported.' },
  unprocessable: { sv: 'Uppgifterna kunde inte godtas.', en: 'The details could not be accepted.' },
  'rate-limited': { sv: (p) => `För många försök från din adress. Försök igen ${p.wait()}.`, en: (p) => `Too many attempts from your address. Try again ${p.wait()}.` },
  internal: { sv: 'Något gick fel på servern. Felet är loggat; försök igen senare.', en: 'Something went wrong on the server. The error is logged; try again later.' },
  unavailable: { sv: 'Tjänsten svarar inte just nu. Försök igen om en stund.', en: 'The service is not answering right now. Try again shortly.' },

  validation: { sv: 'Några uppgifter behöver rättas.', en: 'Some details need correcting.' },
  'invalid-json': { sv: 'Begäran var inte giltig JSON.', en: 'The request was not valid JSON.' },
  'no-such-endpoint': { sv: (p) => `Adressen ${p.str('path')} finns inte.`, en: (p) => `The address ${p.str('path')} does not exist.` },
  'body-too-large': { sv: (p) => `Det du skickade är större än ${bytes(p.num('limitBytes'), 'sv')}.`, en: (p) => `What you sent is larger than ${bytes(p.num('limitBytes'), 'en')}.` },
  'wrong-format': { sv: 'Ett värde har fel format.', en: 'A value has the wrong format.' },
  'already-exists': { sv: 'Det finns redan.', en: 'That already exists.' },
  'database-unavailable': { sv: (p) => `Databasen går inte att nå just nu. Inget sparades; försök igen ${p.wait()}.`, en: (p) => `The database cannot be reached right now. Nothing was stored; try again ${p.wait()}.` },
  'cross-site': { sv: 'Begäran kom från en annan webbplats och stoppades.', en: 'The request came from another site and was stopped.' },
  'form-required': { sv: 'Formuläret skickades i fel format.', en: 'The form was sent in the wrong format.' },
  'form-unreadable': { sv: 'Formuläret gick inte att läsa. Försök igen.', en: 'The form could not be read. Try again.' },
  'date-range-reversed': { sv: 'Startdatumet ligger efter slutdatumet.', en: 'The start date is after the end date.' },
  'cursor-invalid': { sv: 'Listan har ändrats. Börja om från första sidan.', en: 'The list has changed. Start again from the first page.' },

  'idempotency-key-invalid': { sv: 'Sändningens nyckel är ogiltig. Ladda om sidan och skicka igen.', en: 'The submission key is invalid. Reload the page and send again.' },
  'idempotency-key-reused': { sv: 'Det här formuläret har redan skickats med andra uppgifter. Ladda om sidan för en ny rapport.', en: 'This form was already sent with other details. Reload the page for a new report.' },
  'idempotency-key-unfinished': { sv: 'En tidigare sändning blev inte klar. Skicka igen.', en: 'An earlier submission did not finish. Send again.' },

  'sign-in-required': { sv: 'Logga in för att fortsätta.', en: 'Sign in to continue.' },
  'session-required': { sv: 'Detta kräver att du är inloggad i webbläsaren, inte en API-nyckel.', en: 'This needs a browser sign-in, not an API token.' },
  'wrong-credentials': { sv: 'Fel e-postadress eller lösenord.', en: 'Wrong e-mail address or password.' },
  'account-disabled': { sv: 'Kontot är avstängt. Kontakta en administratör.', en: 'The account is disabled. Contact an administrator.' },
  'sign-in-slowed': { sv: (p) => `För många misslyckade inloggningar. Försök igen ${p.wait()}.`, en: (p) => `Too many failed sign-ins. Try again ${p.wait()}.` },
  locked: { sv: (p) => `Inloggningen är spärrad efter för många misslyckade försök. Försök igen ${p.wait()}, eller be en administratör låsa upp kontot.`, en: (p) => `Sign-in is locked after too many failed attempts. Try again ${p.wait()}, or ask an administrator to unlock the account.` },
  'token-malformed': { sv: 'API-nyckeln skickades i fel format.', en: 'The API token was sent in the wrong format.' },
  'token-invalid': { sv: 'API-nyckeln är okänd, återkallad eller har gått ut.', en: 'The API token is unknown, revoked or expired.' },
  'permission-denied': { sv: 'Din roll får inte göra detta.', en: 'Your role may not do this.' },
  'token-scope': { sv: 'API-nyckeln har inte behörighet till detta.', en: 'The API token is not allowed to do this.' },
  'password-wrong': { sv: 'Det nuvarande lösenordet är fel.', en: 'The current password is wrong.' },
  'password-too-short': { sv: (p) => `Lösenordet måste ha minst ${p.num('minLength') ?? 10} tecken.`, en: (p) => `The password must have at least ${p.num('minLength') ?? 10} characters.` },
  'password-too-long': { sv: (p) => `Lösenordet får ha högst ${p.num('maxLength') ?? ''} tecken.`, en: (p) => `The password may have at most ${p.num('maxLength') ?? ''} characters.` },
  'password-contains-name': { sv: 'Lösenordet får inte innehålla namnet i e-postadressen.', en: 'The password must not contain the name in the e-mail address.' },
  'password-repeated': { sv: 'Lösenordet får inte vara ett och samma tecken upprepat.', en: 'The password must not be one repeated character.' },
  'email-taken': { sv: (p) => `Det finns redan ett konto med ${p.str('email')}.`, en: (p) => `There is already an account with ${p.str('email')}.` },
  'unknown-team': { sv: (p) => `Teamet ${p.str('team')} finns inte.`, en: (p) => `There is no team ${p.str('team')}.` },
  'unknown-user': { sv: 'Användaren finns inte.', en: 'The user does not exist.' },
  'own-account': { sv: 'Du kan inte stänga av eller sänka behörigheten för ditt eget konto; be en annan administratör.', en: 'You cannot disable or demote your own account; ask another administrator.' },
  'scopes-beyond-role': { sv: (p) => `Rollen ${p.str('role')} har inte behörigheterna ${p.list('scopes')}.`, en: (p) => `The role ${p.str('role')} does not hold ${p.list('scopes')}.` },
  'token-not-found': { sv: 'API-nyckeln finns inte.', en: 'The API token does not exist.' },

  'outside-area': {
    sv: (p) => `Platsen (${coord(p, 'sv')}) ligger utanför områdena. Rapporter tas emot inom ${p.list('districts')}.`,
    en: (p) => `The place (${coord(p, 'en')}) lies outside the areas. Reports are taken within ${p.list('districts')}.`,
  },
  'coordinates-invalid': { sv: 'Platsen är inte en giltig position.', en: 'The place is not a valid position.' },
  'time-ambiguous': { sv: 'Ange antingen en tidpunkt eller ett tidsintervall, inte båda.', en: 'Give either a time or a time window, not both.' },
  'time-missing': { sv: 'Ange när det hände.', en: 'Say when it happened.' },
  'time-reversed': { sv: 'Sluttiden ligger före starttiden.', en: 'The end time is before the start time.' },
  'time-window-too-long': { sv: (p) => `Tidsintervallet får vara högst ${p.num('maxDays') ?? 7} dagar.`, en: (p) => `The time window may be at most ${p.num('maxDays') ?? 7} days.` },
  'time-in-future': { sv: 'Tiden ligger i framtiden.', en: 'The time is in the future.' },
  'source-not-allowed': { sv: 'Du får inte skicka rapporter med den avsändartypen.', en: 'You may not send reports with that source.' },
  'patrol-staff-only': { sv: 'Bara personalens rapporter kan markeras som upptäckta under patrull.', en: 'Only staff reports can be marked as found on patrol.' },
  'report-not-found': { sv: 'Rapporten finns inte.', en: 'The report does not exist.' },
  'tracking-token-not-found': { sv: 'Ingen rapport har den här länken. Kontrollera att hela länken kom med.', en: 'No report has this link. Check that the whole link was copied.' },
  'photo-too-large': { sv: (p) => `Bilden är för stor; högst ${p.num('maxMb') ?? 10} MB.`, en: (p) => `The photo is too large; at most ${p.num('maxMb') ?? 10} MB.` },
  'photo-empty': { sv: 'Bildfilen är tom.', en: 'The photo file is empty.' },
  'photo-type': { sv: 'Bilden måste vara JPEG, PNG eller HEIC.', en: 'The photo must be JPEG, PNG or HEIC.' },
  'photo-heic-unreadable': { sv: 'HEIC-bilden gick inte att läsa. Välj bilden igen i webbläsaren eller ställ kameran på "Mest kompatibel".', en: 'The HEIC photo could not be read. Choose it again in the browser or set the camera to "Most compatible".' },
  'photo-unreadable': { sv: 'Bilden gick inte att läsa; den kan vara skadad. Välj en annan eller skicka utan bild.', en: 'The photo could not be read; it may be damaged. Choose another or send without one.' },
  'photo-not-found': { sv: 'Bilden finns inte.', en: 'The photo does not exist.' },
  'contact-not-found': { sv: 'Rapporten har inga kontaktuppgifter.', en: 'The report has no contact details.' },

  'moderation-transition': { sv: 'Åtgärden går inte att göra på en rapport med den statusen.', en: 'The action is not possible for a report with that status.' },
  'merge-into-self': { sv: 'En rapport kan inte slås ihop med sig själv.', en: 'A report cannot be merged into itself.' },
  'merge-target-missing': { sv: 'Rapporten att slå ihop med finns inte.', en: 'The report to merge into does not exist.' },
  'merge-target-closed': { sv: 'Rapporten att slå ihop med är inte längre öppen.', en: 'The report to merge into is no longer open.' },

  'cell-resolution': { sv: 'Rutan har en upplösning som klockan inte visar (8, 9 eller 10).', en: 'The cell has a resolution the clock does not show (8, 9 or 10).' },
  'hour-range-invalid': { sv: (p) => `"${p.str('value')}" är inget timintervall som 18-23.`, en: (p) => `"${p.str('value')}" is not an hour range like 18-23.` },
  'day-invalid': { sv: (p) => `"${p.str('value')}" är ingen veckodag.`, en: (p) => `"${p.str('value')}" is not a day of the week.` },
  'week-slot-invalid': { sv: (p) => `"${p.str('value')}" är inget intervall inom veckans timmar 0–167.`, en: (p) => `"${p.str('value')}" is not a range within the week's hours 0–167.` },

  'track-not-found': { sv: 'Spåret finns inte, eller så får du inte se det.', en: 'The track does not exist, or you may not see it.' },
  'no-team': { sv: 'Ditt konto hör inte till något team. Be en administratör lägga till dig i ett.', en: 'Your account belongs to no team. Ask an administrator to add you to one.' },
  'other-team': { sv: (p) => `Du kan bara hantera ditt eget teams spår (${p.str('team')}).`, en: (p) => `You can only handle your own team's tracks (${p.str('team')}).` },
  'track-reduced': { sv: 'Spåret är gallrat efter lagringstiden och tar inte emot fler punkter.', en: 'The track was reduced after its retention period and takes no more points.' },
  'track-file-type': { sv: 'Spårfilen måste vara GPX eller GeoJSON.', en: 'The track file must be GPX or GeoJSON.' },
  'track-outside-area': { sv: 'Ingen av filens punkter ligger inom områdena; inget sparades.', en: "None of the file's points lies within the areas; nothing was stored." },
  'gpx-invalid': { sv: 'GPX-filen gick inte att läsa som ett spår.', en: 'The GPX file could not be read as a track.' },
  'geojson-invalid': { sv: 'GeoJSON-filen gick inte att läsa som ett spår.', en: 'The GeoJSON file could not be read as a track.' },
  'unknown-district': { sv: (p) => `Området ${p.str('district')} finns inte.`, en: (p) => `There is no district ${p.str('district')}.` },
  'week-frozen': { sv: (p) => `Lägesbilden för ${p.str('week')} är fastställd vid mötet och ändras inte längre. Lägg det i nästa veckas.`, en: (p) => `The situation report for ${p.str('week')} was adopted at the meeting and no longer changes. Add it to next week's.` },
  'district-not-allowed': { sv: (p) => `Din organisation arbetar inte i området ${p.str('district')}.`, en: (p) => `Your organisation does not work in the district ${p.str('district')}.` },
  'unknown-organisation': { sv: (p) => `Organisationen ${p.str('organisation')} finns inte.`, en: (p) => `There is no organisation ${p.str('organisation')}.` },
  'unknown-action': { sv: 'Åtgärden från lägesbilden finns inte.', en: 'The situation-report action does not exist.' },
  'unknown-reference': { sv: 'Förfrågan hänvisar till något som inte finns.', en: 'The request refers to something that does not exist.' },
  'unknown-base': { sv: (p) => `Teambasen ${p.str('base')} finns inte.`, en: (p) => `There is no team base ${p.str('base')}.` },
  'no-start-point': { sv: 'Ingen startpunkt: välj en, eller lägg in en teambas för området.', en: 'No start point: choose one, or add a team base for the district.' },
  'waypoint-outside-area': { sv: 'Första punkten ligger utanför områdena; välj område.', en: 'The first point lies outside the areas; choose a district.' },
  'no-walking-graph': { sv: (p) => `${p.str('district')} saknar gångnät att planera på.`, en: (p) => `${p.str('district')} has no walking network to plan on.` },
  'patrol-route-not-found': { sv: 'Rutten finns inte.', en: 'The route does not exist.' },

  'static-map-invalid': { sv: 'Kartbilden kan inte ritas för den platsen eller storleken.', en: 'The map picture cannot be drawn for that place or size.' },
  'tile-out-of-range': { sv: 'Kartrutan finns inte.', en: 'The map tile does not exist.' },
  'font-not-found': { sv: 'Typsnittet finns inte.', en: 'The font does not exist.' },
  'no-place-near': { sv: 'Inget namngivet ställe ligger nära platsen.', en: 'Nothing named lies near the place.' },
  'file-type': { sv: 'Filen måste vara CSV eller GeoJSON.', en: 'The file must be CSV or GeoJSON.' },
  'file-empty': { sv: 'Filen är tom.', en: 'The file is empty.' },
  'import-not-found': { sv: 'Importen är okänd (avslutade importer sparas en timme).', en: 'The import is unknown (finished imports are kept for an hour).' },

  'service-not-found': { sv: 'Tjänsten finns inte.', en: 'The service does not exist.' },
  'location-required': { sv: 'Ange en position (lat och long).', en: 'Give a position (lat and long).' },
  'request-not-found': { sv: 'Ärendet finns inte.', en: 'The request does not exist.' },
  'intervention-not-found': { sv: 'Insatsen finns inte.', en: 'The intervention does not exist.' },
  'area-too-large': { sv: 'Området är för stort.', en: 'The area is too large.' },
  'cells-too-coarse': { sv: 'En ruta är för stor (upplösning 7–15).', en: 'A cell is too large (resolution 7–15).' },
  'experiment-not-found': { sv: 'Experimentet finns inte.', en: 'The experiment does not exist.' },
  'experiment-no-data': { sv: 'Experimentet har inte pågått en hel vecka än.', en: 'The experiment has not run a whole week yet.' },
  'cell-outside-districts': { sv: 'En ruta ligger utanför områdena.', en: 'A cell lies outside the districts.' },
};

/** What is wrong with one field, whatever the field (the field's label is put before it). */
export const FIELD_ERROR_TEXTS: Record<FieldErrorCode, Texts> = {
  required: { sv: 'måste fyllas i', en: 'is required' },
  'invalid-type': { sv: 'har fel typ av värde', en: 'has the wrong kind of value' },
  'too-small': {
    sv: (p) => (p.str('origin') === 'string' ? `måste ha minst ${p.num('minimum')} tecken` : p.str('origin') === 'array' ? `måste ha minst ${p.num('minimum')} val` : `måste vara minst ${p.num('minimum')}`),
    en: (p) => (p.str('origin') === 'string' ? `needs at least ${p.num('minimum')} characters` : p.str('origin') === 'array' ? `needs at least ${p.num('minimum')} choices` : `must be at least ${p.num('minimum')}`),
  },
  'too-big': {
    sv: (p) => (p.str('origin') === 'string' ? `får ha högst ${p.num('maximum')} tecken` : p.str('origin') === 'array' ? `får ha högst ${p.num('maximum')} val` : `får vara högst ${p.num('maximum')}`),
    en: (p) => (p.str('origin') === 'string' ? `may have at most ${p.num('maximum')} characters` : p.str('origin') === 'array' ? `may have at most ${p.num('maximum')} choices` : `may be at most ${p.num('maximum')}`),
  },
  'invalid-format': {
    sv: (p) => (p.str('format') === 'email' ? 'är ingen giltig e-postadress' : p.str('format').startsWith('date') ? 'är inget giltigt datum' : 'har fel format'),
    en: (p) => (p.str('format') === 'email' ? 'is not a valid e-mail address' : p.str('format').startsWith('date') ? 'is not a valid date' : 'has the wrong format'),
  },
  'invalid-value': { sv: 'har ett värde som inte finns bland valen', en: 'has a value that is not one of the choices' },
  'unknown-keys': { sv: (p) => `har okända fält: ${p.list('keys')}`, en: (p) => `has unknown fields: ${p.list('keys')}` },
  'not-multiple-of': { sv: (p) => `måste vara en multipel av ${p.num('divisor')}`, en: (p) => `must be a multiple of ${p.num('divisor')}` },
  invalid: { sv: 'är ogiltigt', en: 'is not valid' },
};

function coord(p: TextParams, lang: Lang): string {
  const f = new Intl.NumberFormat(localeFor(lang), { maximumFractionDigits: 5 });
  const lat = p.num('lat'), lon = p.num('lon');
  return lat === null || lon === null ? '?' : `${f.format(lat)}, ${f.format(lon)}`;
}

function bytes(n: number | null, lang: Lang): string {
  if (n === null) return '?';
  return n >= 1024 * 1024 ? `${formatCount(Math.round((n / 1024 / 1024) * 10) / 10, lang)} MB` : `${formatCount(Math.round(n / 1024), lang)} kB`;
}

/** Reads a problem's params for its text, in a language. */
export function textParams(params: Record<string, unknown>, lang: Lang): TextParams {
  const num = (name: string) => (typeof params[name] === 'number' && Number.isFinite(params[name]) ? (params[name] as number) : null);
  const str = (name: string) => (params[name] === undefined || params[name] === null ? '' : String(params[name]));
  return {
    num,
    str,
    list: (name) => {
      const v = params[name];
      const items = Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
      return new Intl.ListFormat(localeFor(lang), { type: 'conjunction' }).format(items);
    },
    wait: () => {
      const s = num('retryAfterS');
      const at = str('retryAt');
      const clock = at ? new Intl.DateTimeFormat(localeFor(lang), { timeZone: TIME_ZONE, timeStyle: 'short' }).format(new Date(at)) : null;
      if (s === null) return lang === 'sv' ? 'om en stund' : 'shortly';
      const span = s < 60 ? (lang === 'sv' ? `${s} s` : `${s} s`) : `${Math.ceil(s / 60)} min`;
      if (lang === 'sv') return clock && s >= 60 ? `om ${span} (kl. ${clock})` : `om ${span}`;
      return clock && s >= 60 ? `in ${span} (at ${clock})` : `in ${span}`;
    },
  };
}

export function renderText(t: Text, params: Record<string, unknown>, lang: Lang): string {
  return typeof t === 'string' ? t : t(textParams(params, lang));
}

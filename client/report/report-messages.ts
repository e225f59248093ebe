// Strings for the residents' pages (report form, receipt, public map, moderation): Swedish first.
import { localeFor } from '../i18n/messages.ts';
import { TIME_ZONE } from '../i18n/format.ts';

export type ReportLang = 'sv' | 'en';

const sv = {
  title: 'Rapportera till områdesteamen',
  intro: 'Berätta var det känns otryggt i Berga, Ryd eller Skäggetorp. Du behöver inget konto. Det tar en minut.',
  mapHeading: 'Invånarnas rapporter',
  mapHint: 'Tryck på kartan där det hände, sök en adress, eller använd din position.',
  where: 'Plats',
  mapLabel: 'Karta. Tryck för att välja plats.',
  mapKeys: 'Dra eller använd piltangenterna för att flytta kartan, plus och minus för att zooma, Enter för att välja kartans mittpunkt.',
  zoomIn: 'Zooma in',
  zoomOut: 'Zooma ut',
  biggerMap: 'Större karta',
  mapLoading: 'Kartan laddas …',
  mapOffline: 'Kartbilden kan inte visas utan täckning. Sök en adress eller använd din position – rapporten går att skicka ändå.',
  mapPins: (n: number) => (n === 1 ? '1 rapport syns på kartan.' : `${n} rapporter syns på kartan.`),
  chosenPlace: 'Vald plats',
  useLocation: 'Använd min position',
  useCentre: 'Välj kartans mittpunkt',
  locating: 'Hämtar position …',
  locationFailed: 'Positionen kunde inte hämtas. Tryck på kartan i stället.',
  placeChosen: 'Plats vald. Den exakta punkten visas aldrig publikt.',
  placeMissing: 'Ingen plats vald ännu.',
  formHeading: 'Din rapport',
  category: 'Vad gäller det?',
  chooseCategory: 'Välj kategori',
  when: 'När hände det?',
  justNow: 'Just nu',
  window: 'Under en tid',
  from: 'Från',
  to: 'Till',
  description: 'Beskrivning (valfritt)',
  descriptionHint: 'Visas publikt först när en handläggare har granskat den. Skriv inte namn på personer.',
  photo: 'Foto (valfritt)',
  photoHint: 'JPEG, PNG eller HEIC, högst 10 MB. Platsdata och annan metadata tas bort.',
  email: 'E-post för svar (valfritt)',
  consent: 'Jag samtycker till att Linköpings kommun sparar min e-postadress för att kunna svara på min rapport. Adressen visas aldrig publikt och raderas när ärendet är avslutat.',
  honeypot: 'Lämna tomt',
  submit: 'Skicka rapport',
  sending: 'Skickar …',
  errorsIntro: 'Rätta det som är markerat:',
  errPlace: 'Välj en plats på kartan.',
  errCategory: 'Välj en kategori.',
  errWindow: 'Ange både från och till.',
  errWindowOrder: '”Till” måste vara efter ”Från”.',
  errPhotoSize: 'Fotot är större än 10 MB.',
  errConsent: 'Kryssa i rutan, eller lämna e-posten tom.',
  errEmail: 'Det ser inte ut som en e-postadress.',
  errNetwork: 'Rapporten kunde inte skickas. Kontrollera anslutningen och försök igen – den sparas bara en gång.',
  queued: 'Sparad — skickas när du har täckning.',
  queuedBody: 'Rapporten ligger kvar i telefonen och skickas av sig själv. Du får kvittot här när den har kommit fram.',
  waiting: (n: number) => (n === 1 ? 'En sparad rapport väntar på täckning.' : `${n} sparade rapporter väntar på täckning.`),
  refusedLater: (detail: string) => `En sparad rapport togs inte emot: ${detail}`,
  receiptHeading: 'Tack! Din rapport är mottagen.',
  receiptBody: 'Spara länken för att följa ärendet. Texten visas på kartan när den har granskats.',
  trackingLink: 'Din länk',
  copy: 'Kopiera länken',
  copied: 'Kopierad',
  newReport: 'Gör en ny rapport',
  statusHeading: 'Status för din rapport',
  notFound: 'Ingen rapport hittades för länken.',
  filters: 'Visa',
  days: (n: number) => `Senaste ${n} dagarna`,
  statusLabel: 'Status',
  categoriesLabel: 'Kategorier',
  allCategories: 'Alla kategorier',
  listHeading: 'Rapporter i listform',
  count: (n: number) => (n === 1 ? '1 rapport' : `${n} rapporter`),
  noPins: 'Inga rapporter med de här valen. Kartan visar bara granskade rapporter, och bara där minst tre ligger i samma ruta.',
  weeklyHeading: 'Antal per område och vecka',
  weeklyIntro: 'Polisens rapporter och rapporter om hot/våld och narkotika visas aldrig som punkter, bara som antal per område och vecka.',
  weeklyWeek: (monday: string) => `v. från ${monday}`,
  weeklyDistrict: 'Område',
  statuses: { new: 'Ny, ej granskad', approved: 'Granskad', confirmed: 'Bekräftad', closed: 'Avslutad', merged: 'Sammanslagen', rejected: 'Avvisad' } as Record<string, string>,
  publicNote: 'Kommunens kommentar',
  notYetReviewed: 'Texten visas när rapporten har granskats.',
  time: 'Tid',
  language: 'In English',
  backToMap: 'Till kartan',
};

export type ReportMessages = typeof sv;

const en: ReportMessages = {
  ...sv,
  title: 'Report to the area teams',
  intro: 'Tell us where you feel unsafe in Berga, Ryd or Skäggetorp. No account needed. It takes a minute.',
  mapHeading: "Residents' reports",
  mapHint: 'Tap the map where it happened, search an address, or use your location.',
  where: 'Place',
  mapLabel: 'Map. Tap to choose the place.',
  useLocation: 'Use my location',
  useCentre: 'Use the map centre',
  locating: 'Finding your location …',
  locationFailed: 'Your location could not be found. Tap the map instead.',
  placeChosen: 'Place chosen. The exact point is never shown publicly.',
  placeMissing: 'No place chosen yet.',
  formHeading: 'Your report',
  category: 'What is it about?',
  chooseCategory: 'Choose a category',
  when: 'When did it happen?',
  justNow: 'Just now',
  window: 'Over a period',
  from: 'From',
  to: 'To',
  description: 'Description (optional)',
  descriptionHint: 'Shown publicly only after a moderator has reviewed it. Do not name people.',
  photo: 'Photo (optional)',
  photoHint: 'JPEG, PNG or HEIC, at most 10 MB. Location and other metadata are removed.',
  email: 'E-mail for replies (optional)',
  consent: 'I agree that Linköping municipality keeps my e-mail address to reply to my report. It is never shown publicly and is deleted when the case is closed.',
  honeypot: 'Leave empty',
  submit: 'Send report',
  sending: 'Sending …',
  errorsIntro: 'Please correct the marked fields:',
  errPlace: 'Choose a place on the map.',
  errCategory: 'Choose a category.',
  errWindow: 'Give both from and to.',
  errWindowOrder: '"To" must be after "From".',
  errPhotoSize: 'The photo is larger than 10 MB.',
  errConsent: 'Tick the box, or leave the e-mail empty.',
  errEmail: 'That does not look like an e-mail address.',
  errNetwork: 'The report could not be sent. Check the connection and try again – it is stored only once.',
  queued: 'Saved — it will be sent when you have a connection.',
  queuedBody: 'The report stays on this phone and is sent by itself. Your receipt shows here once it has arrived.',
  waiting: (n: number) => (n === 1 ? 'One saved report is waiting for a connection.' : `${n} saved reports are waiting for a connection.`),
  refusedLater: (detail: string) => `A saved report was not accepted: ${detail}`,
  receiptHeading: 'Thank you! Your report has been received.',
  receiptBody: 'Keep the link to follow the case. The text shows on the map once reviewed.',
  trackingLink: 'Your link',
  copy: 'Copy link',
  copied: 'Copied',
  newReport: 'Make another report',
  statusHeading: 'Status of your report',
  notFound: 'No report was found for this link.',
  filters: 'Show',
  days: (n: number) => `Last ${n} days`,
  statusLabel: 'Status',
  categoriesLabel: 'Categories',
  allCategories: 'All categories',
  listHeading: 'Reports as a list',
  count: (n: number) => (n === 1 ? '1 report' : `${n} reports`),
  noPins: 'No reports match these choices. The map shows only reviewed reports, and only where at least three fall in the same cell.',
  weeklyHeading: 'Counts per district and week',
  weeklyIntro: 'Police reports and reports of threats/violence and drugs are never shown as pins, only as counts per district and week.',
  weeklyWeek: (monday: string) => `week of ${monday}`,
  weeklyDistrict: 'District',
  statuses: { new: 'New, not reviewed', approved: 'Reviewed', confirmed: 'Confirmed', closed: 'Closed', merged: 'Merged', rejected: 'Rejected' },
  publicNote: "The municipality's note",
  notYetReviewed: 'The text shows once the report has been reviewed.',
  time: 'Time',
  language: 'På svenska',
  backToMap: 'Back to the map',
  mapKeys: 'Drag or use the arrow keys to move the map, plus and minus to zoom, Enter to choose the centre of the map.',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  biggerMap: 'Larger map',
  mapLoading: 'The map is loading …',
  mapOffline: 'The map picture cannot be shown without a connection. Search an address or use your location – the report can still be sent.',
  mapPins: (n: number) => (n === 1 ? '1 report shows on the map.' : `${n} reports show on the map.`),
  chosenPlace: 'Chosen place',
};

export function reportMessages(lang: ReportLang): ReportMessages {
  return lang === 'en' ? en : sv;
}

/**
 * The day and time formats per language, made once: an Intl.DateTimeFormat costs about a
 * millisecond to build on a phone, and the residents' list formats fifty windows as it opens.
 */
const windowFormats = new Map<ReportLang, { day: Intl.DateTimeFormat; hm: Intl.DateTimeFormat }>();
function formatsFor(lang: ReportLang) {
  let f = windowFormats.get(lang);
  if (!f) {
    const locale = localeFor(lang);
    f = {
      day: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short' }),
      hm: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }),
    };
    windowFormats.set(lang, f);
  }
  return f;
}

/** "20 nov. 21:00–23:00" in Europe/Stockholm. */
export function formatWindow(fromIso: string, toIso: string, lang: ReportLang): string {
  const { day, hm } = formatsFor(lang);
  const from = new Date(fromIso);
  const to = new Date(toIso);
  const start = `${day.format(from)} ${hm.format(from)}`;
  if (fromIso === toIso) return start;
  return day.format(from) === day.format(to) ? `${start}–${hm.format(to)}` : `${start} – ${day.format(to)} ${hm.format(to)}`;
}

// Words of the place search box, Swedish first.
import type { Lang } from './messages.ts';

export interface PlaceMessages {
  label: string;
  placeholder: string;
  results: (n: number) => string;
  noResults: string;
  searching: string;
  failed: string;
  /** The search failed for want of a network. */
  offline: string;
  clear: string;
  kinds: Record<string, string>;
  subkinds: Record<string, string>;
}

const sv: PlaceMessages = {
  label: 'Sök adress eller plats',
  placeholder: 'Sök adress eller plats',
  results: (n) => (n === 1 ? '1 träff. Välj med pil upp och ned, Enter för att gå dit.' : `${n} träffar. Välj med pil upp och ned, Enter för att gå dit.`),
  noResults: 'Inga träffar',
  searching: 'Söker …',
  failed: 'Sökningen misslyckades. Försök igen.',
  offline: 'Ingen täckning just nu. Sökningen görs igen när du har nät.',
  clear: 'Rensa sökningen',
  kinds: { street: 'Gata', address: 'Adress', poi: 'Plats', place: 'Område', district: 'Stadsdel', base: 'Teambas', building: 'Byggnad' },
  subkinds: {
    school: 'Skola', kindergarten: 'Förskola', youth_centre: 'Fritidsgård', library: 'Bibliotek', sports_hall: 'Sporthall', pitch: 'Idrottsplats',
    sports_centre: 'Idrottsanläggning', shop: 'Butik', supermarket: 'Livsmedelsbutik', convenience: 'Närbutik', pharmacy: 'Apotek', clinic: 'Vårdcentral',
    doctors: 'Läkare', dentist: 'Tandläkare', hospital: 'Sjukhus', place_of_worship: 'Kyrka/moské', bus_stop: 'Busshållplats', tram_stop: 'Spårvagnshållplats',
    station: 'Station', parking: 'Parkering', playground: 'Lekplats', community_centre: 'Träffpunkt', police: 'Polis', fire_station: 'Brandstation',
    restaurant: 'Restaurang', cafe: 'Kafé', fast_food: 'Snabbmat', bank: 'Bank', atm: 'Bankomat', post_office: 'Post', townhall: 'Kommunhus',
    social_facility: 'Social verksamhet', suburb: 'Stadsdel', quarter: 'Kvarter', neighbourhood: 'Bostadsområde', square: 'Torg', locality: 'Ort',
  },
};

const en: PlaceMessages = {
  label: 'Search address or place',
  placeholder: 'Search address or place',
  results: (n) => (n === 1 ? '1 result. Use up and down arrows, Enter to go there.' : `${n} results. Use up and down arrows, Enter to go there.`),
  noResults: 'No results',
  searching: 'Searching …',
  failed: 'The search failed. Try again.',
  offline: 'No signal right now. The search runs again when you are back online.',
  clear: 'Clear the search',
  kinds: { street: 'Street', address: 'Address', poi: 'Place', place: 'Area', district: 'District', base: 'Team base', building: 'Building' },
  subkinds: {
    school: 'School', kindergarten: 'Preschool', youth_centre: 'Youth centre', library: 'Library', sports_hall: 'Sports hall', pitch: 'Pitch',
    sports_centre: 'Sports centre', shop: 'Shop', supermarket: 'Supermarket', convenience: 'Convenience store', pharmacy: 'Pharmacy', clinic: 'Health centre',
    doctors: 'Doctor', dentist: 'Dentist', hospital: 'Hospital', place_of_worship: 'Place of worship', bus_stop: 'Bus stop', tram_stop: 'Tram stop',
    station: 'Station', parking: 'Parking', playground: 'Playground', community_centre: 'Community centre', police: 'Police', fire_station: 'Fire station',
    restaurant: 'Restaurant', cafe: 'Café', fast_food: 'Fast food', bank: 'Bank', atm: 'Cash machine', post_office: 'Post office', townhall: 'Town hall',
    social_facility: 'Social services', suburb: 'Suburb', quarter: 'Quarter', neighbourhood: 'Neighbourhood', square: 'Square', locality: 'Locality',
  },
};

export function placeMessages(lang: Lang): PlaceMessages {
  return lang === 'en' ? en : sv;
}

/** "Skola · Ryd": the most telling kind word, then the district. */
export function placeDetail(p: { kind: string; subkind: string | null; district: string | null }, t: PlaceMessages): string {
  const kind = (p.subkind && t.subkinds[p.subkind]) || t.kinds[p.kind] || p.kind;
  return p.district && p.kind !== 'district' ? `${kind} · ${p.district}` : kind;
}

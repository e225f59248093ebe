// Language codes and lookup of the message table for a language.
import { en } from './en.ts';
import { sv } from './sv.ts';
import type { Messages } from './sv.ts';

export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];
export const DEFAULT_LANG: Lang = 'sv';

const TABLES: Record<Lang, Messages> = { sv, en };

export function isLang(value: unknown): value is Lang {
  return value === 'sv' || value === 'en';
}

export function messagesFor(lang: Lang): Messages {
  return TABLES[lang];
}

/** BCP 47 locale used with Intl for a UI language. */
export function localeFor(lang: Lang): string {
  return lang === 'sv' ? 'sv-SE' : 'en-GB';
}

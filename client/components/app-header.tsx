// The page header: title, page links (wide screens), filter toggle for narrow screens, language switch.
import { For, type JSX } from 'solid-js';
import { LANGS } from '../i18n/messages.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Messages } from '../i18n/sv.ts';

const LANG_NAMES: Record<Lang, string> = { sv: 'Svenska', en: 'English' };

export interface AppHeaderProps {
  lang: Lang;
  t: Messages;
  areaName: string | undefined;
  isPanelOpen: boolean;
  onTogglePanel: () => void;
  onLangChange: (lang: Lang) => void;
  /** Page links and sign-in, shown on wide screens. */
  nav?: JSX.Element;
}

export function AppHeader(props: AppHeaderProps) {
  return (
    <header class="app-header">
      <div class="app-header__brand">
        <svg class="app-header__logo" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2C8.1 2 5 5.1 5 9c0 5.2 7 13 7 13s7-7.8 7-13c0-3.9-3.1-7-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z" fill="currentColor" />
        </svg>
        <div>
          <h1 class="app-header__title">{props.t.appTitle}</h1>
          <p class="app-header__subtitle">
            {props.t.appSubtitle}
            {props.areaName ? ` · ${props.areaName}` : ''}
          </p>
        </div>
      </div>
      <div class="app-header__actions">
        {props.nav}
        <button
          type="button"
          class="button button--ghost app-header__filters"
          aria-expanded={props.isPanelOpen}
          aria-controls="side-panel"
          onClick={() => props.onTogglePanel()}
        >
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <path d="M3 5h18l-7 8v5l-4 2v-7z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
          </svg>
          <span>{props.t.openFilters}</span>
        </button>
        <div class="lang-switch" role="group" aria-label={props.t.languageLabel}>
          <For each={LANGS}>
            {(lang) => (
              <button
                type="button"
                lang={lang}
                class="lang-switch__button"
                aria-pressed={props.lang === lang}
                onClick={() => props.onLangChange(lang)}
              >
                <span class="lang-switch__long">{LANG_NAMES[lang]}</span>
                <span class="lang-switch__short">{lang.toUpperCase()}</span>
              </button>
            )}
          </For>
        </div>
      </div>
    </header>
  );
}

// The header's page links and sign-in/sign-out on wide screens, so a resident finds "Rapportera"
// and staff find their pages without scrolling the side panel (narrow screens keep the
// drawer's AccountMenu). Props in, JSX out.
import { For, Show } from 'solid-js';
import type { Lang } from '../i18n/messages.ts';
import { authMessagesFor } from './auth-messages.ts';
import { PAGE_LINKS, visibleLinks, withLang } from './page-links.ts';
import { useSession } from '../state/create-session.ts';

/**
 * `current` is the shown page's link (an href of PAGE_LINKS). On the map page the map and analysis links
 * only change the hash, so the filters in the query string stay.
 */
export function HeaderNav(props: { lang: Lang; current: string }) {
  const session = useSession();
  const t = () => authMessagesFor(props.lang);
  const signOut = async () => {
    await session.signOut().catch(() => {});
    location.assign(withLang('/logga-in', props.lang));
  };
  const onMapPage = () => props.current === '/' || props.current === '/#analys';
  const hrefOf = (href: string) => {
    if (onMapPage() && href === '/') return '#';
    if (onMapPage() && href === '/#analys') return '#analys';
    return withLang(href, props.lang);
  };
  const links = () => (session.me()?.user ? visibleLinks(session.can) : PAGE_LINKS.filter((l) => l.key === 'map' || l.key === 'report'));
  return (
    <nav class="header-nav" aria-label={t().menu}>
      <ul class="header-nav__links">
        <For each={links()}>
          {(l) => (
            <li>
              <a href={hrefOf(l.href)} aria-current={props.current === l.href ? 'page' : undefined}>
                {t().links[l.key]}
              </a>
            </li>
          )}
        </For>
      </ul>
      <Show
        when={session.me()?.user}
        fallback={
          <a class="header-nav__account button button--ghost button--small" href={withLang('/logga-in', props.lang)}>
            {t().signIn}
          </a>
        }
      >
        {(user) => (
          <button type="button" class="header-nav__account button button--ghost button--small" title={`${t().signedInAs} ${user().email}`} onClick={() => void signOut()}>
            {t().signOut}
          </button>
        )}
      </Show>
    </nav>
  );
}

/** Narrow screens: the header has no room for links, so "Rapportera" floats over the map. */
export function ReportFab(props: { lang: Lang }) {
  return (
    <a class="report-fab button" href={withLang('/rapportera', props.lang)}>
      <span aria-hidden="true">+ </span>
      {authMessagesFor(props.lang).links.report}
    </a>
  );
}

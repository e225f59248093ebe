// Who is signed in, the pages their role may use, and sign-out. Props in, JSX out.
import { For, Show } from 'solid-js';
import type { Lang } from '../i18n/messages.ts';
import type { Permission } from './auth-api.ts';
import { authMessagesFor } from './auth-messages.ts';
import { useSession } from '../state/create-session.ts';

interface PageLink {
  key: keyof ReturnType<typeof authMessagesFor>['links'];
  href: string;
  /** Shown only with this permission (none: everyone signed in). */
  needs?: Permission;
}

/** The pages, each behind the permission its API needs. */
export const PAGE_LINKS: readonly PageLink[] = [
  { key: 'map', href: '/' },
  { key: 'analytics', href: '/#analys', needs: 'analytics:read' },
  { key: 'coverage', href: '/tackning', needs: 'analytics:read' },
  { key: 'moderation', href: '/granskning', needs: 'reports:moderate' },
  { key: 'field', href: '/falt', needs: 'tracks:write' },
  { key: 'report', href: '/rapportera', needs: 'reports:create' },
];

export function visibleLinks(can: (p: Permission) => boolean): PageLink[] {
  return PAGE_LINKS.filter((l) => !l.needs || can(l.needs));
}

export function AccountMenu(props: { lang: Lang }) {
  const session = useSession();
  const t = () => authMessagesFor(props.lang);
  const signOut = async () => {
    await session.signOut().catch(() => {});
    location.assign('/logga-in' + (props.lang === 'en' ? '?lang=en' : ''));
  };
  return (
    <Show
      when={session.me()?.user}
      fallback={
        <nav class="account-menu" aria-label={t().menu}>
          <p class="account-menu__who">{t().publicMapNote}</p>
          <ul class="account-menu__links">
            <li>
              <a href={'/rapportera' + (props.lang === 'en' ? '?lang=en' : '')}>{t().links.report}</a>
            </li>
          </ul>
          <a class="button button--small" href={'/logga-in' + (props.lang === 'en' ? '?lang=en' : '')}>
            {t().staffSignIn}
          </a>
        </nav>
      }
    >
      {(user) => (
        <nav class="account-menu" aria-label={t().menu}>
          <p class="account-menu__who">
            <span class="account-menu__label">{t().signedInAs}</span> <strong>{user().email}</strong>
            <span class="account-menu__role">
              {t().roles[user().role]}
              {user().team ? ` · ${user().team}` : ''}
            </span>
          </p>
          <ul class="account-menu__links">
            <For each={visibleLinks(session.can)}>
              {(l) => (
                <li>
                  <a href={l.href}>{t().links[l.key]}</a>
                </li>
              )}
            </For>
          </ul>
          <button type="button" class="button button--small account-menu__sign-out" onClick={() => void signOut()}>
            {t().signOut}
          </button>
        </nav>
      )}
    </Show>
  );
}

// Who is signed in, the pages their role may use, and sign-out. Props in, JSX out.
import { For, Show } from 'solid-js';
import type { Lang } from '../i18n/messages.ts';
import { authMessagesFor } from './auth-messages.ts';
import { useSession } from '../state/create-session.ts';
import { visibleLinks, withLang } from './page-links.ts';

export function AccountMenu(props: { lang: Lang }) {
  const session = useSession();
  const t = () => authMessagesFor(props.lang);
  const signOut = async () => {
    await session.signOut().catch(() => {});
    location.assign(withLang('/logga-in', props.lang));
  };
  return (
    <Show
      when={session.me()?.user}
      fallback={
        <nav class="account-menu" aria-label={t().menu}>
          <p class="account-menu__who">{t().publicMapNote}</p>
          <ul class="account-menu__links">
            <li>
              <a href={withLang('/rapportera', props.lang)}>{t().links.report}</a>
            </li>
          </ul>
          <a class="button button--small" href={withLang('/logga-in', props.lang)}>
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

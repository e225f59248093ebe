// The auth gate: residents' pages and the public map at / are open to all; every other page needs a signed-in account.
// Provides the session to the app (useSession) and shows the sign-in page when there is none.
import { Match, Switch, createSignal, type JSX } from 'solid-js';
import { SessionContext, createSession } from '../state/create-session.ts';
import { authApi } from './auth-api.ts';
import { SignInPage } from './sign-in-page.tsx';
import { authMessagesFor, langFromLocation } from './auth-messages.ts';
import type { Lang } from '../i18n/messages.ts';

/** Pages anyone may open without an account (the residents' report form and receipts). */
export function isPublicPath(path: string): boolean {
  return path === '/rapportera' || path.startsWith('/rapportera/');
}

export function AuthGate(props: { children: JSX.Element }) {
  const session = createSession(authApi);
  const [lang, setLang] = createSignal<Lang>(langFromLocation());
  const setLangInUrl = (l: Lang) => {
    setLang(l);
    const u = new URL(location.href);
    if (l === 'sv') u.searchParams.delete('lang');
    else u.searchParams.set('lang', l);
    history.replaceState(history.state, '', u);
  };
  const onSignedIn = () => {
    if (location.pathname === '/logga-in') location.replace('/' + location.search + location.hash);
  };
  return (
    <SessionContext.Provider value={session}>
      <Switch>
        <Match when={isPublicPath(location.pathname)}>{props.children}</Match>
        <Match when={session.me() === undefined}>
          <p class="sign-in__checking">{authMessagesFor(lang()).checking}</p>
        </Match>
        <Match when={location.pathname === '/' && !session.isSignedIn()}>{props.children}</Match>
        <Match when={!session.isSignedIn() || location.pathname === '/logga-in'}>
          <SignInPage session={session} lang={lang()} onLangChange={setLangInUrl} onSignedIn={onSignedIn} />
        </Match>
        <Match when={session.isSignedIn()}>{props.children}</Match>
      </Switch>
    </SessionContext.Provider>
  );
}

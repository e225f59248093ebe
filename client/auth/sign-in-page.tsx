// The sign-in page (Swedish and English): e-mail and password, errors in words next to the
// form, and a way for residents to report without an account.
import { Show, createMemo, createSignal } from 'solid-js';
import { ProblemError } from '../api/problem-error.ts';
import { problemMessage } from '../i18n/problem-message.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Session } from '../state/create-session.ts';
import { authMessagesFor, type AuthMessages } from './auth-messages.ts';
import { withLang } from './page-links.ts';
import './auth.css';

export interface SignInPageProps {
  session: Session;
  lang: Lang;
  onLangChange: (lang: Lang) => void;
  /** Called after a successful sign-in. */
  onSignedIn: () => void;
}

/** The message for a failed sign-in, in words: when to try again comes from the problem's retryAfterS/retryAt. */
export function signInErrorText(err: ProblemError, t: AuthMessages, lang: Lang): string {
  if (err.code === 'wrong-credentials') return t.wrong;
  if (err.status === 0 || err.status >= 500) return t.unreachable;
  return problemMessage(err, lang);
}

export function SignInPage(props: SignInPageProps) {
  const t = createMemo(() => authMessagesFor(props.lang));
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.session.signIn(email().trim(), password());
      setPassword('');
      props.onSignedIn();
    } catch (err) {
      setError(err instanceof ProblemError ? signInErrorText(err, t(), props.lang) : t().unreachable);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" lang={props.lang}>
      <div class="sign-in__card">
        <div class="sign-in__top">
          <h1 class="sign-in__title">Trygghetskartan</h1>
          <button type="button" class="sign-in__lang" lang={props.lang === 'sv' ? 'en' : 'sv'} onClick={() => props.onLangChange(props.lang === 'sv' ? 'en' : 'sv')}>
            {t().otherLang}
          </button>
        </div>
        <h2 class="sign-in__heading">{t().signInTitle}</h2>
        <p class="sign-in__intro">{t().signInIntro}</p>
        <form class="sign-in__form" onSubmit={submit} novalidate={false}>
          <label class="sign-in__label" for="sign-in-email">{t().email}</label>
          <input id="sign-in-email" class="sign-in__input" type="email" name="email" autocomplete="username" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} aria-describedby="sign-in-error" />
          <label class="sign-in__label" for="sign-in-password">{t().password}</label>
          <input id="sign-in-password" class="sign-in__input" type="password" name="password" autocomplete="current-password" required value={password()} onInput={(e) => setPassword(e.currentTarget.value)} aria-describedby="sign-in-error" />
          <p id="sign-in-error" class="sign-in__error" role="alert">
            {error() ?? ''}
          </p>
          <button type="submit" class="button sign-in__submit" disabled={isBusy()}>
            {isBusy() ? t().signingIn : t().signIn}
          </button>
        </form>
        <section class="sign-in__resident" aria-labelledby="sign-in-resident">
          <h3 id="sign-in-resident">{t().residentHeading}</h3>
          <p>{t().residentText}</p>
          <a class="button sign-in__report" href={withLang('/rapportera', props.lang)}>
            {t().residentLink}
          </a>
        </section>
        <Show when={props.session.error()}>{(e) => <p class="sign-in__error">{signInErrorText(e(), t(), props.lang)}</p>}</Show>
      </div>
    </main>
  );
}

// /admin/inloggning: the administrator's list of accounts whose sign-in is slowed or locked now, each with
// when it ends and an "unlock" button (POST /api/admin/users/{id}/unlock), Swedish first.
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { HeaderNav } from '../auth/header-nav.tsx';
import { readJson, toProblemError } from '../api/problem-error.ts';
import { errorText } from '../i18n/problem-message.ts';
import { TIME_ZONE } from '../i18n/format.ts';
import { localeFor, type Lang } from '../i18n/messages.ts';

interface SignInBlock {
  email: string;
  userId: string | null;
  failures: number;
  lockedAddresses: number;
  slowedUntil: string | null;
  lockedUntil: string | null;
}

const TEXTS = {
  sv: {
    title: 'Inloggningsspärrar',
    intro: 'Konton vars inloggning bromsas (misslyckade försök från många adresser) eller är spärrad för en adress. Spärren släpper av sig själv; lås upp om ägaren behöver logga in nu.',
    none: 'Inga konton är spärrade just nu.',
    account: 'Konto', failures: 'Misslyckade försök (senaste timmen)', slowed: 'Bromsad till', locked: 'Spärrade adresser', until: 'till',
    unlock: 'Lås upp', unlocked: (email: string) => `${email} är upplåst.`, otherLang: 'English',
  },
  en: {
    title: 'Sign-in blocks',
    intro: 'Accounts whose sign-in is slowed (failures from many addresses) or locked for an address. Blocks end by themselves; unlock when the owner needs to sign in now.',
    none: 'No account is blocked right now.',
    account: 'Account', failures: 'Failed attempts (last hour)', slowed: 'Slowed until', locked: 'Locked addresses', until: 'until',
    unlock: 'Unlock', unlocked: (email: string) => `${email} is unlocked.`, otherLang: 'Svenska',
  },
};

export function SignInBlocksPage() {
  const [lang, setLang] = createSignal<Lang>(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv');
  const t = createMemo(() => TEXTS[lang()]);
  const [message, setMessage] = createSignal<{ text: string; isError: boolean } | null>(null);
  const [blocks, { refetch }] = createResource(() => fetch('/api/admin/sign-in-blocks').then((r) => readJson<{ blocks: SignInBlock[] }>(r)).then((b) => b.blocks));
  const time = (iso: string | null) => (iso ? new Intl.DateTimeFormat(localeFor(lang()), { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : '–');

  const unlock = async (b: SignInBlock) => {
    try {
      await fetch(`/api/admin/users/${b.userId}/unlock`, { method: 'POST' }).then((r) => readJson(r)).catch((e: unknown) => Promise.reject(toProblemError(e)));
      setMessage({ text: t().unlocked(b.email), isError: false });
      await refetch();
    } catch (err) {
      setMessage({ text: errorText(err, lang()), isError: true });
    }
  };

  return (
    <main class="sign-in-blocks" lang={lang()}>
      <header>
        <h1>{t().title}</h1>
        <HeaderNav lang={lang()} current="/admin" />
        <button type="button" lang={lang() === 'sv' ? 'en' : 'sv'} onClick={() => setLang(lang() === 'sv' ? 'en' : 'sv')}>{t().otherLang}</button>
      </header>
      <p>{t().intro}</p>
      <Show when={message()}>{(m) => <p role={m().isError ? 'alert' : 'status'}>{m().text}</p>}</Show>
      <Show when={!blocks.error} fallback={<p role="alert">{errorText(blocks.error, lang())}</p>}>
        <Show when={(blocks() ?? []).length > 0} fallback={<p>{t().none}</p>}>
          <table>
            <thead>
              <tr><th scope="col">{t().account}</th><th scope="col">{t().failures}</th><th scope="col">{t().slowed}</th><th scope="col">{t().locked}</th><th scope="col"><span class="visually-hidden">{t().unlock}</span></th></tr>
            </thead>
            <tbody>
              <For each={blocks()}>
                {(b) => (
                  <tr>
                    <td>{b.email}</td>
                    <td>{b.failures}</td>
                    <td>{time(b.slowedUntil)}</td>
                    <td>{b.lockedAddresses ? `${b.lockedAddresses} ${t().until} ${time(b.lockedUntil)}` : '–'}</td>
                    <td><Show when={b.userId}><button type="button" onClick={() => void unlock(b)}>{t().unlock} <span class="visually-hidden">{b.email}</span></button></Show></td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
    </main>
  );
}

// /admin: the administrator's settings of what the anonymous public map and Open311 may show,
// per category and per source (server/domain/disclosure.ts); every change is audit-logged.
import { For, Show, createResource, createSignal } from 'solid-js';
import { errorText } from '../i18n/problem-message.ts';
import type { Lang } from '../i18n/messages.ts';
import { adminApi, type DisclosureChange, type DisclosureSetting, type DisclosureSettings } from './admin-api.ts';
import { adminMessagesFor } from './admin-messages.ts';
import '../report/report.css';

export function AdminPage() {
  const lang: Lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv';
  const t = adminMessagesFor(lang);
  document.documentElement.lang = lang;
  const [me] = createResource(() => adminApi.me());
  const isAdmin = () => me()?.permissions.includes('disclosure:admin') === true;
  const [settings, { mutate }] = createResource(isAdmin, (ok) => (ok ? adminApi.disclosure() : Promise.resolve(undefined)));
  const [message, setMessage] = createSignal<{ text: string; isError: boolean } | null>(null);

  const change = async (c: DisclosureChange, label: string) => {
    try {
      mutate(await adminApi.setDisclosure(c));
      setMessage({ text: t.saved(label, c.public), isError: false });
    } catch (err) {
      setMessage({ text: `${t.failed}: ${errorText(err, lang)}`, isError: true });
    }
  };

  const group = (kind: 'category' | 'source', legend: string, items: (s: DisclosureSettings) => (DisclosureSetting & { label: string })[]) => (
    <fieldset class="admin__group" data-testid={`disclosure-${kind}`}>
      <legend>{legend}</legend>
      <For each={items(settings()!)}>
        {(s) => (
          <label class="admin__option">
            <input type="checkbox" name={`${kind}-${s.value}`} checked={s.public} onChange={(e) => void change({ kind, value: s.value, public: e.currentTarget.checked }, s.label)} />
            <span>{s.label}: {t.shownAsPins}</span> <span class="admin__default">({s.default ? t.defaultOn : t.defaultOff})</span>
          </label>
        )}
      </For>
    </fieldset>
  );

  return (
    <main class="admin-page" data-testid="admin-page">
      <header class="report-page__header">
        <h1>{t.title}</h1>
        <a class="report-page__header-link" href={lang === 'en' ? '/admin/inloggning?lang=en' : '/admin/inloggning'}>{t.signInBlocks}</a>
        <a class="report-page__header-link" href={lang === 'en' ? '/?lang=en' : '/'}>{t.back}</a>
      </header>
      <Show when={me()} fallback={<p>{t.loading}</p>}>
        <Show when={isAdmin()} fallback={<p>{t.needsAdmin} <a href="/logga-in">{t.signIn}</a></p>}>
          <Show when={settings()} fallback={<p>{t.loading}</p>}>
            {(s) => (
              <>
                <p class="admin__intro">{t.intro(s().minReportsPerCell)}</p>
                {group('category', t.categories, (x) => x.categories.map((c) => ({ ...c, label: lang === 'en' ? c.en : c.sv })))}
                {group('source', t.sources, (x) => x.sources.map((c) => ({ ...c, label: t.sourceNames[c.value] ?? c.value })))}
              </>
            )}
          </Show>
        </Show>
      </Show>
      <p role="status" aria-live="polite" classList={{ error: message()?.isError === true }} data-testid="admin-message">{message()?.text ?? ''}</p>
    </main>
  );
}

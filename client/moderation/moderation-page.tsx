// /granskning: the staff moderation queue. Sign in if needed; the queue newest first with
// filters; the chosen report on a map with its duplicate suggestions side by side; the actions.
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { api } from '../api/client.ts';
import { ProblemError } from '../api/problem-error.ts';
import { moderationApi, type Action, type QueueItem } from './moderation-api.ts';
import { moderationSv as t } from './moderation-messages.ts';
import { problemMessage, problemSummary } from '../i18n/problem-message.ts';
import { ModerationMap } from './moderation-map.tsx';
import { ReportSummary } from './report-summary.tsx';
import { createPlaceName } from '../state/create-place-name.ts';
import '../report/report.css';

export function ModerationPage() {
  const [me, { refetch: refetchMe }] = createResource(() => moderationApi.me());
  const canModerate = () => me()?.permissions.includes('reports:moderate') === true;
  const [categories] = createResource(() => api.categories());
  const [districts] = createResource(() => api.districts());
  const [status, setStatus] = createSignal('new');
  const [category, setCategory] = createSignal('');
  const query = createMemo(() => (canModerate() ? { status: status(), ...(category() ? { category: category() } : {}) } : null));
  const [queue, { refetch }] = createResource(query, (q) => moderationApi.queue(q));
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const selected = createMemo<QueueItem | null>(() => queue()?.items.find((i) => i.id === selectedId()) ?? queue()?.items[0] ?? null);
  const [note, setNote] = createSignal('');
  const [reason, setReason] = createSignal<'spam' | 'offensive' | 'not-our-matter'>('spam');
  const [message, setMessage] = createSignal<{ text: string; isError: boolean } | null>(null);
  const [signInError, setSignInError] = createSignal<string | null>(null);
  const categoryLabel = (code: string) => categories()?.find((c) => c.code === code)?.sv ?? code;
  const itemPlace = createPlaceName(() => selected() ?? null, () => 'sv');
  const districtName = (id: string) => districts()?.features.find((f) => f.properties.id === id)?.properties.name ?? id;

  const signIn = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await moderationApi.login(String(form.get('email')), String(form.get('password')));
      setSignInError(null);
      await refetchMe();
    } catch (err) {
      setSignInError(err instanceof ProblemError ? problemMessage(err, 'sv') : String(err));
    }
  };

  const act = async (action: Action, label: string) => {
    const item = selected();
    if (!item) return;
    try {
      await moderationApi.act(item.id, action);
      setMessage({ text: t.done(label), isError: false });
      setNote('');
      await refetch();
    } catch (err) {
      setMessage({ text: err instanceof ProblemError ? problemSummary(err, 'sv') : String(err), isError: true });
    }
  };
  const noteValue = () => (note().trim() ? note().trim() : undefined);

  return (
    <div class="mod-page" data-testid="moderation-page">
      <header class="report-page__header">
        <h1>{t.title}</h1>
        <a class="report-page__header-link" href="/">Karta</a>
      </header>
      <Show when={me.state === 'ready' && !me()!.user}>
        <form class="mod-signin" onSubmit={(e) => void signIn(e)} aria-labelledby="signin-heading">
          <h2 id="signin-heading">{t.signInHeading}</h2>
          <label for="mod-email">{t.email}</label>
          <input id="mod-email" name="email" type="email" autocomplete="username" required />
          <label for="mod-password">{t.password}</label>
          <input id="mod-password" name="password" type="password" autocomplete="current-password" required />
          <Show when={signInError()}>
            <p class="rf-field__error" role="alert">{signInError()}</p>
          </Show>
          <button class="button button--primary" type="submit">{t.signIn}</button>
        </form>
      </Show>
      <Show when={me()?.user && !canModerate()}>
        <p class="rf-field__error" role="alert">{t.noPermission}</p>
      </Show>
      <Show when={canModerate()}>
        <div class="mod-layout">
          <section class="mod-queue" aria-labelledby="queue-heading">
            <h2 id="queue-heading">{t.queue}</h2>
            {/* Above the queue, not beside the selected report: approving the last one still says so. */}
            <p class="mod-actions__message" classList={{ 'mod-actions__message--error': message()?.isError === true }} role="status" data-testid="mod-message">{message()?.text}</p>
            <div class="mod-queue__filters">
              <label for="mod-filter-status">{t.status}</label>
                <select id="mod-filter-status" value={status()} onChange={(e) => setStatus(e.currentTarget.value)}>
                  <For each={['new', 'approved', 'rejected', 'merged', 'closed']}>{(s) => <option value={s}>{t.statuses[s]}</option>}</For>
                </select>
              <label for="mod-filter-category">{t.category}</label>
                <select id="mod-filter-category" value={category()} onChange={(e) => setCategory(e.currentTarget.value)}>
                  <option value="">{t.all}</option>
                  <For each={categories() ?? []}>{(c) => <option value={c.code}>{c.sv}</option>}</For>
                </select>
            </div>
            <Show when={queue()?.items.length === 0}>
              <p>{t.empty}</p>
            </Show>
            <ul class="mod-queue__list">
              <For each={queue()?.items ?? []}>
                {(item) => (
                  <li>
                    <button type="button" class="mod-queue__item" aria-current={selected()?.id === item.id ? 'true' : undefined} data-testid="queue-item" data-id={item.id} onClick={() => setSelectedId(item.id)}>
                      <strong>{categoryLabel(item.category)}</strong>
                      <span>{item.description ?? t.noText}</span>
                      <Show when={item.duplicates.length}>
                        <span class="badge">{t.duplicates}: {item.duplicates.length}</span>
                      </Show>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </section>
          <Show when={selected()}>
            {(item) => (
              <section class="mod-detail" aria-label={categoryLabel(item().category)}>
                <ModerationMap item={item()} districts={districts()} label={t.map} />
                <div class="mod-compare">
                  <ReportSummary report={item()} categoryLabel={categoryLabel} districtName={districtName} t={t} place={itemPlace()} />
                  <div class="mod-compare__dups">
                    <h3>{t.duplicates}</h3>
                    <Show when={item().duplicates.length === 0}>
                      <p>{t.noDuplicates}</p>
                    </Show>
                    <For each={item().duplicates}>
                      {(d) => (
                        <div class="mod-dup" data-testid="duplicate">
                          <p class="mod-dup__distance">{t.distance(d.distanceM, d.gapH)} · {d.sameCategory ? t.sameCategory : t.relatedCategory}</p>
                          <ReportSummary report={d.report} categoryLabel={categoryLabel} districtName={districtName} t={t} />
                          <button type="button" class="button button--small" onClick={() => void act({ action: 'merge', into: d.report.id, note: noteValue() }, t.mergeInto)}>{t.mergeInto}</button>
                        </div>
                      )}
                    </For>
                  </div>
                </div>
                <div class="mod-actions">
                  <label for="mod-note">{t.publicNote}</label>
                  <textarea id="mod-note" rows="2" maxlength="500" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
                  <div class="mod-actions__row">
                    <button type="button" class="button button--primary" data-testid="approve" onClick={() => void act({ action: 'approve', note: noteValue() }, t.approve)}>{t.approve}</button>
                    <label for="mod-reason">{t.rejectReason}</label>
                      <select id="mod-reason" value={reason()} onChange={(e) => setReason(e.currentTarget.value as 'spam')}>
                        <For each={Object.keys(t.reasons)}>{(r) => <option value={r}>{t.reasons[r]}</option>}</For>
                      </select>
                    <button type="button" class="button button--danger" onClick={() => void act({ action: 'reject', reason: reason(), note: noteValue() }, t.reject)}>{t.reject}</button>
                  </div>
                  <div class="mod-actions__row">
                    <label for="mod-category">{t.changeCategory}</label>
                      <select id="mod-category" value={item().category} onChange={(e) => void act({ action: 'recategorise', category: e.currentTarget.value }, t.changeCategory)}>
                        <For each={categories() ?? []}>{(c) => <option value={c.code}>{c.sv}</option>}</For>
                      </select>
                    <button type="button" class="button" onClick={() => void act({ action: 'note', note: noteValue() ?? null }, t.saveNote)}>{t.saveNote}</button>
                    <button type="button" class="button" onClick={() => void act({ action: 'close', note: noteValue() }, t.close)}>{t.close}</button>
                  </div>
                </div>
              </section>
            )}
          </Show>
        </div>
      </Show>
    </div>
  );
}

// /lagesbild: the weekly EST situational picture for the chief and team leaders (prepare,
// analysis, actions, hold the meeting) and partners (read their districts, comment before the
// meeting); the organisations admin for administrators. Swedish first, English selectable.
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { HeaderNav } from '../auth/header-nav.tsx';
import { lastCompleteIsoWeek, lagesbildApi, type LagesbildDoc } from './lagesbild-api.ts';
import { errorText } from '../i18n/problem-message.ts';
import { lagesbildMessages, type LagesbildLang } from './lagesbild-messages.ts';
import { OrganisationsAdmin } from './organisations-admin.tsx';
import './lagesbild.css';

const CATEGORY_SV: Record<string, [string, string]> = {
  skadegorelse: ['Skadegörelse', 'Vandalism'], klotter: ['Klotter', 'Graffiti'], brand: ['Brand', 'Fire'], ordningsstorning: ['Ordningsstörning', 'Public disorder'],
  'otrygghetsskapande-samling': ['Otrygghetsskapande samling', 'Intimidating gathering'], narkotika: ['Narkotika', 'Drugs'], 'hot-vald': ['Hot/våld', 'Threats/violence'],
  'otrygg-plats': ['Otrygg plats', 'Unsafe place'], nedskrapning: ['Nedskräpning', 'Littering'], ovrigt: ['Övrigt', 'Other'],
};

export function LagesbildPage() {
  const params = new URLSearchParams(location.search);
  const [lang, setLang] = createSignal<LagesbildLang>(params.get('lang') === 'en' ? 'en' : 'sv');
  const t = createMemo(() => lagesbildMessages(lang()));
  const [week, setWeek] = createSignal(params.get('vecka') ?? lastCompleteIsoWeek());
  const [district, setDistrict] = createSignal(params.get('omrade') ?? '');
  const [message, setMessage] = createSignal('');
  const [me] = createResource(() => lagesbildApi.me().catch(() => null));
  const can = (p: string) => me()?.permissions.includes(p) === true;
  const [doc, { refetch }] = createResource(() => (can('lagesbild:read') ? { w: week(), d: district() } : null), ({ w, d }) => lagesbildApi.read(w, d));
  const cat = (code: string) => CATEGORY_SV[code]?.[lang() === 'en' ? 1 : 0] ?? code;
  const nameOf = (d: LagesbildDoc, id: string) => d.districts.find((x) => x.id === id)?.name ?? id;
  /** The share of a running week that has passed (percent), or undefined once the week is complete. */
  const running = (d: LagesbildDoc): number | undefined => {
    const e = Math.min(...d.totals.map((x) => x.exposure ?? 1));
    return e < 1 ? Math.round(e * 100) : undefined;
  };
  const say = (err: unknown) => setMessage(errorText(err, lang()));
  const run = async (f: () => Promise<unknown>) => {
    setMessage('');
    try {
      await f();
      await refetch();
    } catch (err) {
      say(err);
    }
  };
  const stamp = (iso: string) => new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'medium', timeStyle: 'short' });

  const onAction = (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const str = (k: string) => (String(f.get(k) ?? '').trim() || null);
    void run(() => lagesbildApi.addAction({ week: week(), district: String(f.get('district')), what: String(f.get('what')), place: str('place'), organisation: str('organisation'), responsiblePerson: str('person'), dueDate: str('due') }));
    (e.currentTarget as HTMLFormElement).reset();
  };

  return (
    <div class="lagesbild" lang={lang()}>
      <header class="lagesbild__header">
        <h1>{t().title}</h1>
        <HeaderNav lang={lang()} current="/lagesbild" />
        <button type="button" class="lagesbild__button" onClick={() => setLang(lang() === 'sv' ? 'en' : 'sv')}>{t().language}</button>
      </header>
      <main class="lagesbild__main">
        <Show when={can('users:admin')}>
          <OrganisationsAdmin t={t()} onError={say} />
        </Show>
        <Show when={!me.loading && !can('lagesbild:read') && !can('users:admin')}>
          <p><a href="/logga-in">{t().signIn}</a></p>
        </Show>
        <Show when={can('lagesbild:read')}>
          <form class="lagesbild__controls" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t().week} <input value={week()} pattern="\d{4}-W\d{2}" size={9} onChange={(e) => setWeek(e.currentTarget.value)} />
            </label>
            <label>
              {t().district}{' '}
              <select value={district()} onChange={(e) => setDistrict(e.currentTarget.value)}>
                <option value="">{t().allDistricts}</option>
                <For each={doc()?.districts ?? []}>{(d) => <option value={d.id}>{d.name}</option>}</For>
              </select>
            </label>
            <a class="lagesbild__button" href={`/api/lagesbild/${week()}.pdf${district() ? `?district=${district()}` : ''}`}>{t().pdf}</a>
            <Show when={can('lagesbild:meeting') && doc() && !doc()!.frozenAt}>
              <button type="button" class="lagesbild__button" onClick={() => run(() => lagesbildApi.meeting(week(), doc()!.districts.map((d) => d.id)))}>{t().holdMeeting}</button>
            </Show>
          </form>
          <Show when={message()}>
            <p class="lagesbild__error" role="alert">{message()}</p>
          </Show>
          <Show when={doc.error}>
            <p class="lagesbild__error" role="alert">{t().loadFailed}: {errorText(doc.error, lang())}</p>
          </Show>
          <Show when={doc()}>
            {(d) => (
              <>
                <p class="lagesbild__status">
                  {d().monday} – {d().sunday}. {d().frozenAt ? t().frozen(stamp(d().frozenAt!)) : t().draft} {d().mail.configured ? (d().draft ? t().mailOn(d().draft!.mailed) : '') : t().mailOff}
                </p>
                <ul class="lagesbild__grades">
                  <For each={d().grades}>
                    {(g) => (
                      <li class={`lagesbild__grade lagesbild__grade--${g.grade}`}>
                        <strong>{nameOf(d(), g.district)}</strong>: {t().grade[g.grade]}
                        <ul>
                          <For each={g.indicators.filter((i) => i.level !== 'gron')}>{(i) => <li>{lang() === 'en' ? i.en : i.sv}: {i.value} ({t().grade[i.level]})</li>}</For>
                        </ul>
                      </li>
                    )}
                  </For>
                </ul>
                <For each={d().late.filter((l) => l.count > 0)}>{(l) => <p>{nameOf(d(), l.district)}: {t().late(l.count, l.week)}</p>}</For>

                <h2>{t().keyFigures}</h2>
                <Show when={running(d())}>{(pct) => <p class="lagesbild__status" data-testid="week-running">{t().running(pct())}</p>}</Show>
                <table class="lagesbild__table">
                  <thead><tr><th scope="col">{t().district}</th><th scope="col">{t().category}</th><th scope="col">{t().thisWeek}</th><th scope="col">{t().baseline}</th><Show when={running(d())}><th scope="col">{t().expectedSoFar}</th></Show><th scope="col">p</th><th scope="col" /></tr></thead>
                  <tbody>
                    <For each={d().changes}>
                      {(c) => (
                        <tr class={c.change !== 'none' ? `lagesbild__change--${c.change}` : ''}>
                          <td>{nameOf(d(), c.district)}</td><td>{cat(c.category)}</td><td>{c.count}</td><td>{c.baseline}</td><Show when={running(d())}><td>{c.expected ?? c.baseline}</td></Show><td>{c.p < 0.001 ? '< 0,001' : c.p.toFixed(3)}</td><td>{t().change[c.change]}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>

                <h2>{t().hotspots}</h2>
                <Show when={d().hotspots.length} fallback={<p>{t().none}</p>}>
                  <ul><For each={d().hotspots}>{(h) => <li>{t().hotspotKind[h.kind]}: {h.place} ({nameOf(d(), h.district)})</li>}</For></ul>
                </Show>

                <h2>{t().presence}</h2>
                <ul><For each={d().presence}>{(p) => <li>{nameOf(d(), p.district)}: {t().presenceLine((p.minutes / 60).toFixed(1), Math.round(p.presenceShare * 100), Math.round(p.needShare * 100))}</li>}</For></ul>

                <h2>{t().partners}</h2>
                <Show when={d().partners.length} fallback={<p>{t().none}</p>}>
                  <ul><For each={d().partners}>{(p) => <li>{p.name} ({nameOf(d(), p.district)}): {p.reports} / {p.otrygghet}</li>}</For></ul>
                </Show>

                <h2>{t().otrygghet}</h2>
                <ul><For each={d().otrygghet}>{(o) => <li>{nameOf(d(), o.district)}: {o.count}<ul><For each={o.reports.slice(0, 10)}>{(r) => <li>{cat(r.category)}, {r.place}{r.organisation ? ` (${r.organisation})` : ''}</li>}</For></ul></li>}</For></ul>

                <h2>{t().actions}</h2>
                <Show when={d().actions.length} fallback={<p>{t().none}</p>}>
                  <ul class="lagesbild__actions">
                    <For each={d().actions}>
                      {(a) => (
                        <li>
                          <strong>{a.what}</strong> – {a.place ?? nameOf(d(), a.district)}; {[a.organisation, a.responsiblePerson].filter(Boolean).join(', ')} {a.dueDate ? `· ${a.dueDate}` : ''} · {t().since(a.since.count)}{' '}
                          <Show when={can('lagesbild:prepare')} fallback={<span>{t().status[a.status]}</span>}>
                            <select aria-label={t().status[a.status]} value={a.status} onChange={(e) => run(() => lagesbildApi.setStatus(a.id, e.currentTarget.value))}>
                              <For each={Object.keys(t().status)}>{(s) => <option value={s}>{t().status[s]}</option>}</For>
                            </select>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Show when={can('lagesbild:prepare')}>
                  <form class="lagesbild__form" onSubmit={onAction}>
                    <h3>{t().newAction}</h3>
                    <label>{t().district} <select name="district"><For each={d().districts}>{(x) => <option value={x.id}>{x.name}</option>}</For></select></label>
                    <label>{t().what} <input name="what" required maxLength={2000} /></label>
                    <label>{t().where} <input name="place" maxLength={200} /></label>
                    <label>{t().organisation} <input name="organisation" maxLength={64} /></label>
                    <label>{t().person} <input name="person" maxLength={200} /></label>
                    <label>{t().due} <input name="due" type="date" /></label>
                    <button type="submit" class="lagesbild__button">{t().save}</button>
                  </form>
                </Show>

                <h2>{t().analysis}</h2>
                <For each={d().districts}>
                  {(x) => (
                    <Show when={can('lagesbild:prepare') && !x.frozenAt} fallback={<p>{x.name}: {d().analysis.find((a) => a.district === x.id)?.text || t().none}</p>}>
                      <form class="lagesbild__form" onSubmit={(e) => { e.preventDefault(); const v = String(new FormData(e.currentTarget).get('analysis') ?? ''); void run(() => lagesbildApi.analysis(week(), x.id, v)); }}>
                        <label>{x.name} <textarea name="analysis" rows={3} value={d().analysis.find((a) => a.district === x.id)?.text ?? ''} /></label>
                        <button type="submit" class="lagesbild__button">{t().saveAnalysis}</button>
                      </form>
                    </Show>
                  )}
                </For>

                <h2>{t().comments}</h2>
                <ul><For each={d().comments}>{(c) => <li><strong>{c.organisation ?? c.author}</strong> ({nameOf(d(), c.district)}, {stamp(c.createdAt)}): {c.body}</li>}</For></ul>
                <Show when={can('lagesbild:comment') && d().canComment} fallback={<p>{t().commentClosed}</p>}>
                  <form class="lagesbild__form" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget); void run(() => lagesbildApi.comment(week(), String(f.get('district')), String(f.get('body') ?? ''))); e.currentTarget.reset(); }}>
                    <label>{t().district} <select name="district"><For each={d().districts.filter((x) => !x.frozenAt || can('lagesbild:prepare'))}>{(x) => <option value={x.id}>{x.name}</option>}</For></select></label>
                    <label>{t().addComment} <textarea name="body" rows={2} required maxLength={4000} /></label>
                    <button type="submit" class="lagesbild__button">{t().addComment}</button>
                  </form>
                </Show>

                <h2>{t().sources}</h2>
                <ul class="lagesbild__sources"><For each={[...new Map(d().sources.map((s) => [lang() === 'en' ? s.en : s.sv, s])).keys()]}>{(s) => <li>{s}</li>}</For></ul>
              </>
            )}
          </Show>
        </Show>
      </main>
    </div>
  );
}

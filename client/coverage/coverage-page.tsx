// /tackning: the chief's and team leaders' view of presence against need — a map of gap and
// presence hexagons, the ranked gap list in words, and tonight's watch list.
import { HeaderNav } from '../auth/header-nav.tsx';
import { Show, createMemo, createResource, createSignal } from 'solid-js';
import { cellToLatLng } from 'h3-js';
import { readJson } from '../api/problem-error.ts';
import type { DistrictCollection } from '../api/types.ts';
import { fieldApi } from '../field/field-api.ts';
import { GapsList, type GapRow } from '../components/gaps-list.tsx';
import { GapsAlerts, type AlertRow } from '../components/gaps-alerts.tsx';
import { gapsToFeatureCollection, presenceToFeatureCollection } from '../map/layers/coverage.ts';
import { CoverageMap } from './coverage-map.tsx';
import { coverageMessages, type CoverageLang } from './coverage-messages.ts';
import { errorText } from '../i18n/problem-message.ts';
import './coverage.css';

const get = <T,>(path: string) => fetch(path, { headers: { accept: 'application/json' } }).then((r) => readJson<T>(r));

export function CoveragePage() {
  const [lang, setLang] = createSignal<CoverageLang>(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv');
  const t = createMemo(() => coverageMessages(lang()));
  const [weeks, setWeeks] = createSignal(4);
  const [focus, setFocus] = createSignal<[number, number] | null>(null);
  const [me, { refetch }] = createResource(() => fieldApi.me().catch(() => null));
  const allowed = () => me()?.permissions.includes('analytics:read') === true;
  const [districts] = createResource(() => get<DistrictCollection>('/api/districts'));
  const [gaps] = createResource(() => (allowed() ? weeks() : null), (w) => get<{ cells: GapRow[] }>(`/api/gaps?weeks=${w}&limit=30`));
  const [presence] = createResource(() => (allowed() ? weeks() : null), (w) => {
    const to = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - (7 * w - 1) * 86_400_000).toISOString().slice(0, 10);
    return get<{ cells: { cell: string; minutes: number }[] }>(`/api/coverage?from=${from}&to=${to}`);
  });
  const [alerts] = createResource(() => (allowed() ? true : null), () => get<{ alerts: AlertRow[] }>('/api/gaps/alerts'));
  const select = (cell: string) => {
    const [lat, lon] = cellToLatLng(cell);
    setFocus([lon, lat]);
  };

  const signIn = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    await fieldApi.login(String(form.get('email')), String(form.get('password'))).catch(() => undefined);
    await refetch();
  };

  return (
    <div class="coverage" lang={lang()}>
      <header class="coverage__header">
        <h1>{t().title}</h1>
        <HeaderNav lang={lang()} current="/tackning" />
        <label>
          {t().weeks}{' '}
          <select value={weeks()} onChange={(e) => setWeeks(Number(e.currentTarget.value))}>
            {[1, 2, 4, 8, 12].map((w) => <option value={w}>{t().weeksN(w)}</option>)}
          </select>
        </label>
        <button type="button" class="coverage__lang" onClick={() => setLang(lang() === 'sv' ? 'en' : 'sv')}>
          {t().language}
        </button>
      </header>
      <Show
        when={allowed()}
        fallback={
          <Show when={!me.loading}>
            <form class="coverage__signin" onSubmit={signIn}>
              <p>{t().signInNeeded}</p>
              <input name="email" type="email" placeholder={t().email} aria-label={t().email} required />
              <input name="password" type="password" placeholder={t().password} aria-label={t().password} required />
              <button type="submit" class="coverage__lang">{t().signIn}</button>
            </form>
          </Show>
        }
      >
        <p class="coverage__intro">{t().intro}</p>
        <div class="coverage__body">
          <CoverageMap
            lang={lang()}
            districts={districts()}
            gaps={gapsToFeatureCollection(gaps()?.cells ?? [], lang())}
            presence={presenceToFeatureCollection(presence()?.cells ?? [])}
            focus={focus()}
            label={t().mapLabel}
          />
          <aside class="coverage__side">
            <GapsAlerts rows={alerts()?.alerts ?? []} lang={lang()} heading={t().alertsHeading} empty={t().alertsEmpty} statusLabel={(s) => t().status[s]} onSelect={select} />
            <GapsList rows={gaps()?.cells ?? []} lang={lang()} heading={t().gapsHeading} empty={t().gapsEmpty} onSelect={select} />
            <Show when={gaps.error || alerts.error || presence.error}>
              <p class="coverage__error" role="alert">{t().loadFailed}: {errorText(gaps.error ?? alerts.error ?? presence.error, lang())}</p>
            </Show>
          </aside>
        </div>
      </Show>
    </div>
  );
}

// Page layout: header, side panel (filters, legend), the map with its pin count and errors.
import { Show, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import { api } from './api/client.ts';
import { ProblemError } from './api/problem-error.ts';
import { AppHeader } from './components/app-header.tsx';
import { ErrorList } from './components/error-list.tsx';
import type { ShownError } from './components/error-list.tsx';
import { FilterPanel } from './components/filter-panel.tsx';
import { Legend } from './components/legend.tsx';
import { PinCount } from './components/pin-count.tsx';
import { formatCount } from './i18n/format.ts';
import { messagesFor } from './i18n/messages.ts';
import { ATTRIBUTION, MapView } from './map/map-view.tsx';
import { createAppData } from './state/create-app-data.ts';
import { createUrlState } from './state/create-url-state.ts';
import { effectiveDateRange } from './state/filters.ts';

/** The server's cap on pins per answer. */
const PIN_CAP = 50_000;

export function App() {
  const url = createUrlState();
  const now = new Date();
  const data = createAppData(api, url.filters, () => now);
  const t = createMemo(() => messagesFor(url.lang()));
  const [isPanelOpen, setPanelOpen] = createSignal(false);
  const [basemapError, setBasemapError] = createSignal<ProblemError | null>(null);

  // Escape closes the filter drawer on narrow screens.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && isPanelOpen()) setPanelOpen(false);
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));

  createEffect(() => {
    document.documentElement.lang = url.lang();
    document.title = `${t().appTitle}${data.config.data()?.area.name ? ` · ${data.config.data()?.area.name}` : ''}`;
  });

  const categories = () => data.categories.data() ?? [];
  const districtProps = () => data.districts.data()?.features.map((f) => f.properties) ?? [];
  const errors = createMemo<ShownError[]>(() => {
    const m = t();
    const list: ShownError[] = [];
    const add = (key: string, label: string, q: { error: () => ProblemError | null; refetch: () => void }) => {
      const error = q.error();
      if (error) list.push({ key, label, error, retry: q.refetch });
    };
    add('config', m.errorConfig, data.config);
    add('categories', m.errorCategories, data.categories);
    add('districts', m.errorDistricts, data.districts);
    add('bases', m.errorBases, data.bases);
    add('streets', m.errorStreets, data.streets);
    add('pins', m.errorPins, data.pins);
    const bm = basemapError();
    if (bm) list.push({ key: 'basemap', label: m.errorBasemap, error: bm });
    return list;
  });
  /** The map waits for the config (it picks the style) unless the config failed. */
  const isConfigSettled = () => data.config.data() !== undefined || data.config.error() !== null;

  return (
    <div class="app" classList={{ 'app--panel-open': isPanelOpen() }}>
      <a class="skip-link" href="#filters">{t().skipToFilters}</a>
      <AppHeader
        lang={url.lang()}
        t={t()}
        areaName={data.config.data()?.area.name}
        isPanelOpen={isPanelOpen()}
        onTogglePanel={() => setPanelOpen(!isPanelOpen())}
        onLangChange={url.setLang}
      />
      <div class="app__body">
        <aside class="side-panel" id="side-panel" aria-label={t().filtersHeading}>
          <FilterPanel
            filters={url.filters()}
            range={effectiveDateRange(url.filters(), now)}
            districts={districtProps().map((d) => ({ id: d.id, name: d.name, approximate: d.approximate }))}
            categories={categories()}
            lang={url.lang()}
            t={t()}
            onChange={url.setFilters}
          />
          <Legend
            categories={categories()}
            districts={districtProps()}
            hasStreets={data.streets.data() ? data.streets.data()!.features.length > 0 : undefined}
            attribution={ATTRIBUTION}
            lang={url.lang()}
            t={t()}
          />
          <div class="side-panel__footer">
            <button type="button" class="button side-panel__show-map" onClick={() => setPanelOpen(false)}>
              {t().showMap(
                data.pins.data() ? t().pinCount(formatCount(data.pins.data()!.features.length, url.lang())) : t().pinCountLoading,
              )}
            </button>
          </div>
        </aside>
        <main class="map-area">
          <div class="map-overlay">
            <PinCount
              count={data.pins.data()?.features.length}
              isLoading={data.pins.isLoading()}
              isTruncated={data.pins.data()?.truncated === true}
              cap={PIN_CAP}
              lang={url.lang()}
              t={t()}
            />
            <ErrorList errors={errors()} t={t()} />
          </div>
          <Show when={isConfigSettled()} fallback={<p class="map-loading">{t().mapLoading}</p>}>
            <MapView
              basemapStyleUrl={data.config.data()?.basemapStyleUrl ?? null}
              areaBbox={data.config.data()?.area.bbox ?? null}
              view={url.view()}
              onViewChange={url.setView}
              districts={data.districts.data()}
              streets={data.streets.data()}
              bases={data.bases.data()}
              pins={data.pins.data()}
              categories={categories()}
              lang={url.lang()}
              t={t()}
              loadReport={api.report}
              onBasemapError={(detail) =>
                setBasemapError(new ProblemError({ type: 'about:blank', title: 'Basemap', status: 502, detail }))
              }
            />
          </Show>
        </main>
      </div>
    </div>
  );
}

// The staff map (/): header, side panel (filters, legend), the map with its pin count and errors.
// The analysis view and the route planner are their own chunks, loaded when first shown. The map
// (MapLibre, most of the page's bytes) is a chunk of its own too, requested at once: the page
// draws its header and panel and starts its API reads while MapLibre still downloads, instead of
// waiting for it (the server's Link header has the browser fetch both from the start).
import { Show, Suspense, createEffect, createMemo, createSignal, lazy, onCleanup } from 'solid-js';
import { api } from '../api/client.ts';
import { ProblemError } from '../api/problem-error.ts';
import { AppHeader } from '../components/app-header.tsx';
import { ErrorList } from '../components/error-list.tsx';
import type { ShownError } from '../components/error-list.tsx';
import { FilterPanel } from '../components/filter-panel.tsx';
import { Legend } from '../components/legend.tsx';
import { PinCount } from '../components/pin-count.tsx';
import { formatCount } from '../i18n/format.ts';
import { messagesFor } from '../i18n/messages.ts';
import { ATTRIBUTION_HTML } from '../map/attribution.ts';
import { createAppData } from '../state/create-app-data.ts';
import { createUrlState } from '../state/create-url-state.ts';
import { effectiveDateRange } from '../state/filters.ts';
import { ANALYTICS_HASH, createHashFlag } from '../analytics/hash-flag.ts';
import { analyticsEn } from '../i18n/analytics-en.ts';
import { analyticsSv } from '../i18n/analytics-sv.ts';
import { AccountMenu } from '../auth/account-menu.tsx';
import { HeaderNav, ReportFab } from '../auth/header-nav.tsx';
import { useSession } from '../state/create-session.ts';
import { releaseServiceWorker } from '../offline/register-sw.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import mapLibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { makePrefetchAfterMapLibre } from '../map/prefetch-after-maplibre.ts';
import { appSpriteFiles } from '../map/basemap.ts';

const loadMapView = import('../map/map-view.tsx');
const MapView = lazy(() => loadMapView.then((m) => ({ default: m.MapView })));
const AnalyticsPage = lazy(() => import('../analytics/analytics-page.tsx').then((m) => ({ default: m.AnalyticsPage })));
const RoutePlannerPanel = lazy(() => import('./route-planner-panel.tsx').then((m) => ({ default: m.RoutePlannerPanel })));

/** The server's cap on pins per answer. */
const PIN_CAP = 50_000;

export function StaffMapPage() {
  const url = createUrlState();
  const session = useSession(); // the UI shows only what the role may use
  const now = new Date();
  const data = createAppData(api, url.filters, () => now);
  const t = createMemo(() => messagesFor(url.lang()));
  const [isPanelOpen, setPanelOpen] = createSignal(false);
  const isAnalytics = createHashFlag(ANALYTICS_HASH);
  const ta = createMemo(() => (url.lang() === 'en' ? analyticsEn : analyticsSv));
  const [basemapError, setBasemapError] = createSignal<ProblemError | null>(null);
  // Patrol routes (team leaders): the planner adds its own layers to the one map.
  const [mapInstance, setMapInstance] = createSignal<MapLibreMap>();
  const routeDistricts = () => data.districts.data()?.features.map((f) => ({ id: f.properties.id, name: f.properties.name })) ?? [];

  // MapLibre's worker script (≈ 120 KB) and, for the app's own style, its sprite into the HTTP
  // cache once MapLibre's chunk is in, while it runs: MapLibre would ask for them only after.
  onCleanup(makePrefetchAfterMapLibre(() => [mapLibreWorkerUrl, ...(data.config.data()?.basemapStyleUrl === null ? appSpriteFiles(window.devicePixelRatio || 1) : [])]));

  // The service worker installs once the map is drawn (client/page-list.ts holdsServiceWorker), or
  // at once when the page opens on the analysis view.
  createEffect(() => isAnalytics() && releaseServiceWorker());

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
        nav={<HeaderNav lang={url.lang()} current={isAnalytics() ? '/#analys' : '/'} />}
      />
      <div class="app__body">
        <aside class="side-panel" id="side-panel" aria-label={t().filtersHeading}>
          <FilterPanel
            filters={url.filters()}
            range={effectiveDateRange(url.filters(), now)}
            districts={districtProps().map((d) => ({ id: d.id, name: d.name }))}
            categories={categories()}
            lang={url.lang()}
            t={t()}
            onChange={url.setFilters}
          />
          <Legend
            categories={categories()}
            districts={districtProps()}
            hasStreets={data.districts.data() ? districtProps().some((d) => d.streetKm > 0) : undefined}
            attribution={ATTRIBUTION_HTML}
            lang={url.lang()}
            t={t()}
          />
          <Show when={session.can('analytics:read')}>
            <a class="button side-panel__analytics" href={isAnalytics() ? '#' : ANALYTICS_HASH}>
              {isAnalytics() ? ta().backToMap : ta().openAnalytics}
            </a>
          </Show>
          <AccountMenu lang={url.lang()} />
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
            <Show when={!isAnalytics()}>
              <PinCount
                count={data.pins.data()?.features.length}
                isLoading={data.pins.isLoading()}
                isTruncated={data.pins.data()?.truncated === true}
                cap={PIN_CAP}
                lang={url.lang()}
                t={t()}
              />
            </Show>
            <ErrorList errors={errors()} t={t()} lang={url.lang()} />
          </div>
          <Show when={!isAnalytics()}>
            <ReportFab lang={url.lang()} />
          </Show>
          <Show when={isAnalytics() && session.can('analytics:read')}>
            <AnalyticsPage
              lang={url.lang()}
              base={{ ...effectiveDateRange(url.filters(), now), districts: url.filters().districts, categories: url.filters().categories }}
              districts={data.districts.data()}
              categories={categories()}
              areaBbox={data.config.data()?.area.bbox ?? null}
              attribution={ATTRIBUTION_HTML}
            />
          </Show>
          <Show when={!isAnalytics() && isConfigSettled()} fallback={<Show when={!isAnalytics()}><p class="map-loading">{t().mapLoading}</p></Show>}>
            <Suspense fallback={<p class="map-loading">{t().mapLoading}</p>}>
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
                onReady={releaseServiceWorker}
                onMap={(m) => (setMapInstance(m), m.once('remove', () => setMapInstance(undefined)))}
                onBasemapError={(detail) =>
                  setBasemapError(new ProblemError({ type: 'about:blank', title: 'Basemap', status: 502, detail }))
                }
              />
            </Suspense>
          </Show>
        </main>
        <Show when={!isAnalytics() && session.can('routes:read')}>
          <RoutePlannerPanel map={mapInstance} districts={routeDistricts()} now={now} lang={url.lang()} />
        </Show>
      </div>
    </div>
  );
}

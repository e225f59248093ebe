// The analytics view: the heat/hotspot map, the data clock linked both ways with it (choose a
// cell → its clock; choose hours → the map), presets, play, legend, district bars and rates per
// 1,000 residents (district table, DeSO choropleth and table), trend sparkline, exports and the
// historical import. Layout and wiring only.
import { For, Show, createMemo } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Bbox, Category, DistrictCollection } from '../api/types.ts';
import type { Lang } from '../i18n/messages.ts';
import { problemMessage } from '../i18n/problem-message.ts';
import { analyticsEn } from '../i18n/analytics-en.ts';
import { analyticsSv } from '../i18n/analytics-sv.ts';
import { AnalyticsMap } from '../map/analytics-map.tsx';
import { DataClock } from '../components/data-clock.tsx';
import { DistrictBars } from '../components/district-bars.tsx';
import { Sparkline } from '../components/sparkline.tsx';
import { HeatLegend } from '../components/heat-legend.tsx';
import { ImportUpload } from '../components/import-upload.tsx';
import { RateTable } from '../components/rate-table.tsx';
import { DesoLegend } from '../components/deso-legend.tsx';
import * as desoLayer from '../map/layers/deso-choropleth.ts';
import { analyticsApi } from './analytics-api.ts';
import { createAnalytics, type BaseFilter } from './create-analytics.ts';
import { PRESETS, sameSelection, type PresetId } from './week-selection.ts';
import { cellsToCsv, cellsToGeoJson, download, downloadCanvasPng } from './export.ts';
import { createPlaceName } from '../state/create-place-name.ts';
import { HotspotList } from '../components/hotspot-list.tsx';
import { cellToLatLng } from 'h3-js';
import './analytics.css';

export interface AnalyticsPageProps {
  lang: Lang;
  base: BaseFilter;
  districts: DistrictCollection | undefined;
  categories: Category[];
  areaBbox: Bbox | null;
  attribution: string[];
}

const PRESET_IDS: PresetId[] = ['all', 'evening', 'weekend', 'night'];

export function AnalyticsPage(props: AnalyticsPageProps) {
  const t = createMemo(() => (props.lang === 'en' ? analyticsEn : analyticsSv));
  const a = createAnalytics(() => props.base);
  let map: MapLibreMap | undefined;
  const presetLabel = (id: PresetId) => ({ all: t().presetAll, evening: t().presetEvening, weekend: t().presetWeekend, night: t().presetNight })[id];
  const districtName = (id: string) => props.districts?.features.find((f) => f.properties.id === id)?.properties.name ?? id;
  const category = (code: string) => props.categories.find((c) => c.code === code);
  const trend = () => a.trends.data()?.cells.find((c) => c.cell === a.cell());
  /** The selected hexagon named by reverse geocoding (the cell id until the name arrives). */
  const cellPlaceLookup = createPlaceName(() => {
    const cell = a.cell();
    if (!cell) return null;
    const [lat, lon] = cellToLatLng(cell);
    return { lat, lon };
  }, () => props.lang);
  /** A hot spot's own name when the selected cell is one (no lookup needed), else the looked-up one. */
  const cellPlace = () => (a.mode() === 'hotspots' ? a.hotspots.data()?.cells.find((c) => c.cell === a.cell())?.place : undefined) ?? cellPlaceLookup();
  const shownCells = () => (a.mode() === 'heat' ? (a.heat.data()?.cells ?? []) : (a.hotspots.data()?.cells ?? []));
  const error = () => a.heat.error() ?? a.hotspots.error() ?? a.clock.error() ?? a.deso.error() ?? a.desoAreas.error();
  const playLabel = () => {
    const h = a.playHour();
    return h === null ? '' : `${t().days[Math.floor(h / 24)]} ${String(h % 24).padStart(2, '0')}:00`;
  };
  const desoChoropleth = () => {
    const areas = a.desoAreas.data();
    const totals = a.deso.data()?.areas;
    return a.isDeso() && areas && totals ? desoLayer.toFeatureCollection(areas, totals) : null;
  };
  const desoTop = () => desoLayer.topRate(a.deso.data()?.areas ?? []);
  const rateText = () => ({ area: t().rateArea, count: t().rateCount, residents: t().rateResidents, per1000: t().ratePer1000, tooSmall: t().rateTooSmall, smallRule: t().rateSmallRule, noResidents: t().rateNoResidents });
  const locale = () => (props.lang === 'en' ? 'en-GB' : 'sv-SE');
  const exportName = (ext: string) => `trygghetskartan-${a.mode()}-${props.base.from}-${props.base.to}.${ext}`;

  return (
    <div class="analytics" data-testid="analytics">
      <div class="analytics__map">
        <AnalyticsMap
          lang={props.lang}
          basemapStyleUrl={null}
          areaBbox={props.areaBbox}
          districts={props.districts}
          mode={a.mode()}
          heatCells={a.heat.data()?.cells ?? []}
          hotspotCells={a.hotspots.data()?.cells ?? []}
          deso={desoChoropleth()}
          scaleTop={a.scaleTop()}
          selectedCell={a.cell()}
          attribution={props.attribution}
          label={t().title}
          onResolution={a.setRes}
          onCellClick={(c) => a.setCell(c)}
          onMap={(m) => (map = m)}
        />
        <div class="analytics__overlay">
          <Show when={a.isDeso()} fallback={<HeatLegend mode={a.mode()} scaleTop={a.scaleTop()} isHeld={a.heldTop() !== null} t={t()} />}>
            <DesoLegend top={desoTop()} t={t()} locale={locale()} />
          </Show>
          <p class="analytics__meta">
            {t().resolution(a.res())} · {t().cellsShown(shownCells().filter((c) => !('class' in c) || c.class !== 0).length)}
            <Show when={a.isPlaying()}> · {t().playing(playLabel())}</Show>
          </p>
          <Show when={error()}>{(e) => <p class="error" role="alert">{`${t().error}: ${problemMessage(e(), props.lang)}${e().status === 401 || e().status === 403 ? ` — ${t().signInNeeded}` : ''}`}</p>}</Show>
        </div>
      </div>
      <aside class="analytics__panel" aria-label={t().clockHeading}>
        <h2>{t().title}</h2>
        <div class="analytics__modes" role="group">
          <label><input type="radio" name="mode" checked={a.mode() === 'heat'} onChange={() => a.setMode('heat')} /> {t().layerHeat}</label>
          <label><input type="radio" name="mode" checked={a.mode() === 'hotspots'} onChange={() => a.setMode('hotspots')} /> {t().layerHotspots}</label>
        </div>
        <div class="analytics__presets" role="group" aria-label={t().presets}>
          <For each={PRESET_IDS}>
            {(id) => (
              <button type="button" class="button" aria-pressed={sameSelection(a.selection(), PRESETS[id])} onClick={() => a.setSelection([...PRESETS[id]])}>
                {presetLabel(id)}
              </button>
            )}
          </For>
          <button type="button" class="button" onClick={a.play} aria-pressed={a.isPlaying()} data-testid="play">
            {a.isPlaying() ? `⏸ ${t().pause}` : `▶ ${t().play}`}
          </button>
        </div>
        <fieldset class="analytics__modes" data-testid="time-of-day">
          <legend>{t().timeOfDay}</legend>
          <For each={['all', 'dark', 'daylight'] as const}>
            {(v) => (
              <label>
                <input type="radio" name="time-of-day" checked={a.darkness() === v} onChange={() => a.setDarkness(v)} />{' '}
                {v === 'all' ? t().timeOfDayAll : v === 'dark' ? t().timeOfDayDark : t().timeOfDayDaylight}
              </label>
            )}
          </For>
        </fieldset>
        <p class="hint">{t().timeOfDayHelp}</p>
        <DataClock
          matrix={a.clock.data()?.matrix}
          selection={a.shownSelection()}
          title={a.cell() ? t().clockForCell(cellPlace() ?? a.cell()!) : t().clockForAll}
          t={t()}
          onSelect={a.setSelection}
        />
        <p class="hint">{t().clockHelp}</p>
        <Show when={a.cell()}>
          <button type="button" class="button" onClick={() => a.setCell(null)}>{t().clearCell}</button>
        </Show>
        <div class="analytics__switches">
          <label><input type="checkbox" checked={a.heldTop() !== null} onChange={a.toggleHold} /> {t().holdScale}</label>
          <label><input type="checkbox" checked={a.holidays()} onChange={(e) => a.setHolidays(e.currentTarget.checked)} /> {t().holidays}</label>
          <label><input type="checkbox" checked={a.severity()} onChange={(e) => a.setSeverity(e.currentTarget.checked)} /> {t().severity}</label>
          <label><input type="checkbox" checked={a.recency()} onChange={(e) => a.setRecency(e.currentTarget.checked)} /> {t().recency}</label>
          <label><input type="checkbox" checked={a.isDeso()} onChange={(e) => a.setDeso(e.currentTarget.checked)} data-testid="deso-toggle" /> {t().desoToggle}</label>
        </div>
        <Show when={a.mode() === 'hotspots' && !a.isDeso()}>
          <HotspotList cells={a.hotspots.data()?.cells ?? []} selected={a.cell()} onSelect={(c) => a.setCell(c)} t={t()} />
        </Show>
        <h3>{t().trendHeading}</h3>
        <Sparkline
          series={trend()?.series}
          caption={a.cell() ? [trend()?.pattern ? t().pattern[trend()!.pattern!] : '', trend()?.nearRepeat ? t().nearRepeat : ''].filter(Boolean).join(' · ') || '—' : t().trendNone}
        />
        <DistrictBars
          rows={a.districts.data()?.rows ?? []}
          districtName={districtName}
          categoryLabel={(c) => category(c)?.[props.lang] ?? c}
          categoryColor={(c) => category(c)?.color ?? '#888'}
          heading={t().districtBars}
        />
        <RateTable
          caption={t().ratesHeading}
          rows={(a.districts.data()?.districts ?? []).map((d) => ({ key: d.district, label: d.name, count: d.count, population: d.population, per1000: d.per1000, smallNumbers: d.smallNumbers }))}
          rule={a.districts.data()?.smallNumbers}
          t={rateText()}
          locale={locale()}
          testId="district-rates"
        />
        <Show when={a.isDeso() && a.deso.data()}>
          {(d) => (
            <RateTable
              caption={t().desoHeading}
              rows={d().areas.map((x) => ({ key: x.code, label: `${x.code} (${districtName(x.district)})`, count: x.count, population: x.population, per1000: x.per1000, smallNumbers: x.smallNumbers }))}
              rule={undefined}
              t={rateText()}
              locale={locale()}
              testId="deso-rates"
            />
          )}
        </Show>
        <div class="analytics__exports">
          <button type="button" class="button" onClick={() => download(exportName('geojson'), cellsToGeoJson(shownCells(), { ...props.base, slots: a.filterParams()?.slots ?? 'all' } as unknown as Record<string, string>), 'application/geo+json')}>{t().exportGeojson}</button>
          <button type="button" class="button" onClick={() => download(exportName('csv'), cellsToCsv(shownCells()), 'text/csv')}>{t().exportCsv}</button>
          <button type="button" class="button" onClick={() => map && downloadCanvasPng(map.getCanvas(), exportName('png'))}>{t().exportPng}</button>
        </div>
        <ImportUpload t={t()} lang={props.lang} upload={analyticsApi.upload} poll={analyticsApi.importJob} onDone={() => (a.heat.refetch(), a.clock.refetch(), a.districts.refetch())} />
      </aside>
    </div>
  );
}

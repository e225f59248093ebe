// Saved patrol routes: open, copy, delete, export (GPX, GeoJSON), and import a GPX route.
import { For, Show } from 'solid-js';
import type { SavedRoute } from '../api/route-types.ts';
import type { Lang } from '../i18n/messages.ts';
import { formatDuration, formatKm } from '../i18n/route-format.ts';
import type { RouteMessages } from '../i18n/routes.ts';

export interface RouteListProps {
  routes: SavedRoute[] | undefined;
  isLoading: boolean;
  activeId: string | null;
  lang: Lang;
  t: RouteMessages;
  gpxUrl: (id: string) => string;
  geoJsonUrl: (id: string) => string;
  onOpen: (id: string) => void;
  onDuplicate: (id: string) => void;
  onDelete: (id: string) => void;
  onImport: (file: File) => void;
}

export function RouteList(props: RouteListProps) {
  return (
    <div class="route-list" data-testid="route-list">
      <label class="button button--small route-list__import">
        {props.t.importGpx}
        <input
          type="file" accept=".gpx,application/gpx+xml" class="visually-hidden" data-testid="route-import"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) props.onImport(f);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <Show when={props.routes && props.routes.length === 0}><p class="route-panel__hint">{props.t.savedEmpty}</p></Show>
      <ul class="route-list__items">
        <For each={props.routes ?? []}>
          {(r) => (
            <li class="route-list__item" classList={{ 'route-list__item--active': r.id === props.activeId }} data-route-id={r.id}>
              <div class="route-list__title">
                <strong>{r.name}</strong>
                <span class="route-list__meta">
                  {r.date} {r.start}–{r.end}{r.team ? ` · ${r.team}` : ''} · {props.t.stopsCount(r.schedule.length)} · {formatKm(r.lengthM, props.lang)} · {formatDuration(r.walkingMin)} · {props.t.sourceLabels[r.source]}
                </span>
              </div>
              <div class="route-list__actions">
                <button type="button" class="button button--small" onClick={() => props.onOpen(r.id)}>{props.t.open}</button>
                <button type="button" class="button button--small button--quiet" onClick={() => props.onDuplicate(r.id)}>{props.t.duplicate}</button>
                <a class="button button--small button--quiet" href={props.gpxUrl(r.id)} download="">{props.t.exportGpx}</a>
                <a class="button button--small button--quiet" href={props.geoJsonUrl(r.id)} download="">{props.t.exportGeoJson}</a>
                <button type="button" class="button button--small button--danger" onClick={() => window.confirm(props.t.confirmDelete(r.name)) && props.onDelete(r.id)}>{props.t.delete}</button>
              </div>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

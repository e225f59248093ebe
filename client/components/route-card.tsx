// The printable route card: map snapshot and schedule on one page (print CSS shows only this),
// for paper or a phone. Rendered into <body> so the page layout does not clip it.
import { For, Show, onCleanup, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';
import type { Lang } from '../i18n/messages.ts';
import { formatDuration, formatKm } from '../i18n/route-format.ts';
import type { RouteMessages } from '../i18n/routes.ts';
import type { RouteCardData } from '../state/create-route-planner.ts';

export interface RouteCardProps {
  card: RouteCardData;
  lang: Lang;
  t: RouteMessages;
  onClose: () => void;
}

export function RouteCard(props: RouteCardProps) {
  let closeButton!: HTMLButtonElement;
  onMount(() => {
    document.body.classList.add('is-printing-route');
    closeButton.focus();
  });
  onCleanup(() => document.body.classList.remove('is-printing-route'));
  const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
  return (
    <Portal>
      <div class="route-card-backdrop" onKeyDown={onKey}>
        <article class="route-card" role="dialog" aria-modal="true" aria-labelledby="route-card-title" data-testid="route-card">
          <header class="route-card__head">
            <div>
              <p class="route-card__kicker">{props.t.cardTitle}</p>
              <h2 id="route-card-title">{props.card.title}</h2>
              <p class="route-card__meta">
                {props.t.date} {props.card.date} · {props.t.shift} {props.card.shift}
                {props.card.team ? ` · ${props.t.team} ${props.card.team}` : ''}
                {props.card.district ? ` · ${props.card.district}` : ''}
              </p>
              <p class="route-card__meta">
                {props.t.stopsCount(props.card.stops.length)} · {props.t.length} {formatKm(props.card.lengthM, props.lang)} · {props.t.walkingTime} {formatDuration(props.card.walkingMin)}
              </p>
            </div>
            <div class="route-card__actions">
              <button type="button" class="button" onClick={() => window.print()}>{props.t.printNow}</button>
              <button type="button" class="button button--quiet" ref={closeButton} onClick={() => props.onClose()}>{props.t.closeCard}</button>
            </div>
          </header>
          <Show when={props.card.snapshot}>
            <img class="route-card__map" src={props.card.snapshot!} alt="" />
          </Show>
          <table class="route-card__schedule">
            <thead>
              <tr><th scope="col">#</th><th scope="col">{props.t.place}</th><th scope="col">{props.t.arrival}</th><th scope="col">{props.t.dwellShort}</th><th scope="col">{props.t.departure}</th><th scope="col">✓</th></tr>
            </thead>
            <tbody>
              <For each={props.card.stops}>
                {(s) => (
                  <tr>
                    <td>{s.number}</td>
                    <td>{s.place || `${props.t.stop} ${s.number}`}</td>
                    <td>{s.arrival}</td>
                    <td>{s.dwellMin} {props.t.minutes}</td>
                    <td>{s.departure}</td>
                    <td class="route-card__check" />
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </article>
      </div>
    </Portal>
  );
}

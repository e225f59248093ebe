// Registers the service worker once the page has loaded (it never competes with the page's own
// downloads; a page that loads its map after the load event holds it until the map is drawn),
// asks it to keep this page's files for offline use, and watches for a new version: a waiting
// worker sets `updateReady`; the page's banner then lets the user switch (skip-waiting,
// then one reload). Nothing queued is lost by the switch: queues live in IndexedDB, not caches.
import { createSignal } from 'solid-js';
import { pageEntryFor } from '../page-list.ts';
import type { FromWorker, ToWorker } from './sw-types.ts';

const [waiting, setWaiting] = createSignal<ServiceWorker | null>(null);
/** A new version is installed and waits for the user's go. */
export const updateReady = () => waiting() !== null;

/** The longest a page may hold the worker back (client/page-list.ts holdsServiceWorker), in ms. */
const HOLD_MAX_MS = 20_000;
let releaseHold = () => {};
const released = new Promise<void>((resolve) => (releaseHold = resolve));
/** The page's first view is drawn: the worker may register and precache now. */
export function releaseServiceWorker(): void {
  releaseHold();
}

const listeners = new Set<(m: FromWorker) => void>();
/** Messages from the worker (e.g. the outbox sent a report in the background). Returns an unsubscribe. */
export function onWorkerMessage(fn: (m: FromWorker) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function postToWorker(message: ToWorker): void {
  navigator.serviceWorker?.controller?.postMessage(message);
}

/** Switches to the waiting version: it takes over, then the page reloads once. */
export function applyUpdate(): void {
  const w = waiting();
  if (!w) return;
  let reloaded = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!reloaded) (reloaded = true), location.reload();
  });
  w.postMessage({ type: 'skip-waiting' } satisfies ToWorker);
}

function watch(reg: ServiceWorkerRegistration): void {
  // Only an update offers a reload: the first install takes over silently (nothing to switch from).
  const check = () => {
    if (reg.waiting && navigator.serviceWorker.controller) setWaiting(reg.waiting);
  };
  check();
  reg.addEventListener('updatefound', () => {
    const w = reg.installing;
    w?.addEventListener('statechange', () => w.state === 'installed' && check());
  });
}

export function registerServiceWorker(): void {
  // Not under the Vite dev server (import.meta.hot): there is no sw.js, and hot reload must see fresh files.
  if (!('serviceWorker' in navigator) || import.meta.hot) return;
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
    for (const fn of listeners) fn(e.data);
  });
  const register = async () => {
    const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    watch(reg);
    const ready = await navigator.serviceWorker.ready;
    ready.active?.postMessage({ type: 'cache-page', page: pageEntryFor(location.pathname).id } satisfies ToWorker);
    // A phone left open for hours still hears about a new version.
    setInterval(() => void reg.update().catch(() => {}), 60 * 60_000);
  };
  const held = pageEntryFor(location.pathname).holdsServiceWorker === true;
  const start = () => void (held ? Promise.race([released, new Promise((r) => setTimeout(r, HOLD_MAX_MS))]) : Promise.resolve())
    .then(register)
    .catch((err) => console.warn('service worker not registered', err));
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

// The few service-worker types the code uses (the project's tsconfig has the DOM library, whose
// `self` is a Window; lib.webworker cannot be loaded beside it).

export interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

export interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Response | Promise<Response>): void;
}

export interface SyncEvent extends ExtendableEvent {
  tag: string;
}

export interface MessageEventLike extends ExtendableEvent {
  data: unknown;
  source: { postMessage(message: unknown): void } | null;
}

export interface WindowClientLike {
  url: string;
  postMessage(message: unknown): void;
}

export interface ServiceWorkerScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; matchAll(options?: { type?: string; includeUncontrolled?: boolean }): Promise<WindowClientLike[]> };
  registration: { scope: string };
  location: Location;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'sync', listener: (e: SyncEvent) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEventLike) => void): void;
}

/** Built into sw.js by build/service-worker.ts: the files each page needs to open offline. */
export interface PrecacheManifest {
  version: string;
  /** index.html, the entry chunk and its CSS, the manifest and icons. */
  shell: string[];
  /** Per page id (client/pages.ts): its chunk, the chunks it imports (statically or lazily) and their CSS. */
  pages: Record<string, string[]>;
  /**
   * Per page id: its group without the lazy parts that need MapLibre. What the worker keeps at
   * install for the pages that must open with no signal on any device; the whole group (field
   * mode's map) once the device opens the page itself.
   */
  core: Record<string, string[]>;
  /**
   * Per page id: the Link header the server sends with that page (server/http/page-preloads.ts),
   * without the app's map style (whether there is one is the server's setting). The worker adds it
   * to the shell it serves for the page, so a warm start preloads the page's chunks and first reads
   * as a cold one does, instead of finding them one import after another.
   */
  links?: Record<string, string>;
}

/** Messages the page sends to the worker. */
export type ToWorker =
  | { type: 'skip-waiting' }
  | { type: 'cache-page'; page: string }
  | { type: 'precache-area'; bbox: [number, number, number, number]; minZoom?: number; maxZoom?: number }
  | { type: 'flush-outbox' };

/** Messages the worker sends to its pages. */
export type FromWorker = { type: 'outbox-changed' } | { type: 'area-cached'; tiles: number; failed: number };

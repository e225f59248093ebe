// Points MapLibre at its worker file as a same-origin asset (its default lookup is relative to the unbundled module).
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

export function useBundledWorker(): void {
  setWorkerUrl(workerUrl);
}

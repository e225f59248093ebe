// A signal that turns true once the browser has had an idle moment after the component mounted
// (requestIdleCallback, at most `timeoutMs` later; a plain timeout where there is none): for
// content below the fold that need not compete with the first picture and the form for the phone's
// main thread as the page opens.
import { createSignal, onCleanup, onMount, type Accessor } from 'solid-js';

export function createAfterIdle(timeoutMs: number): Accessor<boolean> {
  const [idle, setIdle] = createSignal(false);
  onMount(() => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => setIdle(true), { timeout: timeoutMs });
      onCleanup(() => cancelIdleCallback(id));
    } else {
      const id = setTimeout(() => setIdle(true), Math.min(timeoutMs, 200));
      onCleanup(() => clearTimeout(id));
    }
  });
  return idle;
}

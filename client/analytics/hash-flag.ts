// A view flag kept in the URL hash (#analys), so it survives the filter state in the query string.
import { createSignal, onCleanup } from 'solid-js';

export const ANALYTICS_HASH = '#analys';

export function createHashFlag(hash: string, win: Window = window) {
  const [isOn, setOn] = createSignal(win.location.hash === hash);
  const sync = () => setOn(win.location.hash === hash);
  win.addEventListener('hashchange', sync);
  onCleanup(() => win.removeEventListener('hashchange', sync));
  return isOn;
}

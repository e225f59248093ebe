// The app: finds the page for the path (client/page-list.ts), loads its chunk and shows it, behind
// the auth gate where the page needs one; and the service worker's "new version" banner.
import { Show, createResource, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { loadPage, pageEntryFor } from './pages.ts';
import { AuthGate } from './auth/auth-gate.tsx';
import { UpdateBanner } from './offline/update-banner.tsx';

export function App() {
  const path = location.pathname;
  const page = pageEntryFor(path);
  const [component] = createResource(() => loadPage(page));
  const shown = (): JSX.Element => <Show when={component()}>{(c) => <Dynamic component={c()} path={path} />}</Show>;
  return (
    <>
      {page.access === 'gated' ? <AuthGate>{shown()}</AuthGate> : shown()}
      <UpdateBanner />
    </>
  );
}

// The route planner on the staff map, as its own chunk: loaded only for accounts that may read
// routes. Creates the planner state (it draws on the one map) and renders the panel.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { routesApi } from '../api/routes-api.ts';
import { RoutePlanner } from '../components/route-planner.tsx';
import { routeMessagesFor } from '../i18n/routes.ts';
import type { Lang } from '../i18n/messages.ts';
import { createRoutePlanner } from '../state/create-route-planner.ts';
import { useSession } from '../state/create-session.ts';

export function RoutePlannerPanel(props: { map: () => MapLibreMap | undefined; districts: { id: string; name: string }[]; now: Date; lang: Lang }) {
  const session = useSession();
  const planner = createRoutePlanner({
    api: routesApi, map: props.map, districts: () => props.districts, now: () => props.now,
    canPlan: () => session.can('routes:plan'), team: () => session.me()?.user?.team ?? null,
  });
  return <RoutePlanner planner={planner} districts={props.districts} lang={props.lang} t={routeMessagesFor(props.lang)} />;
}

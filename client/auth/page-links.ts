// The app's pages, each behind the permission its API needs, and their links in the chosen
// language: shared by the header's links and the drawer's account menu.
import type { Lang } from '../i18n/messages.ts';
import type { Permission } from './auth-api.ts';
import type { authMessagesFor } from './auth-messages.ts';

export interface PageLink {
  key: keyof ReturnType<typeof authMessagesFor>['links'];
  href: string;
  /** Shown only with this permission (none: everyone signed in). */
  needs?: Permission;
}

/** The pages, each behind the permission its API needs. */
export const PAGE_LINKS: readonly PageLink[] = [
  { key: 'map', href: '/' },
  { key: 'analytics', href: '/#analys', needs: 'analytics:read' },
  { key: 'coverage', href: '/tackning', needs: 'analytics:read' },
  { key: 'lagesbild', href: '/lagesbild', needs: 'lagesbild:read' },
  { key: 'interventions', href: '/insatser', needs: 'analytics:read' },
  { key: 'moderation', href: '/granskning', needs: 'reports:moderate' },
  { key: 'field', href: '/falt', needs: 'tracks:write' },
  { key: 'report', href: '/rapportera', needs: 'reports:create' },
  { key: 'admin', href: '/admin', needs: 'disclosure:admin' },
  { key: 'signInBlocks', href: '/admin/inloggning', needs: 'users:admin' },
];

export function visibleLinks(can: (p: Permission) => boolean): PageLink[] {
  return PAGE_LINKS.filter((l) => !l.needs || can(l.needs));
}

/** A page link in the chosen language (Swedish carries no parameter). */
export const withLang = (href: string, lang: Lang) => {
  if (lang !== 'en') return href;
  const [path, hash] = href.split('#');
  return `${path}?lang=en${hash === undefined ? '' : `#${hash}`}`;
};

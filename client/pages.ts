// Loads a page's chunk (client/page-list.ts says which page a path shows). Each page module is
// its own dynamic import, so a page downloads none of the other pages' code.
import type { Component } from 'solid-js';
import { pageEntryFor, type PageEntry } from './page-list.ts';

export interface PageProps {
  path: string;
}

type PageModule = Record<string, Component<PageProps>>;
const modules = import.meta.glob<PageModule>(['./*/*-page.tsx', '!./auth/**', '!./analytics/**']);

export async function loadPage(page: PageEntry): Promise<Component<PageProps>> {
  const load = modules[`./${page.module}`];
  if (!load) throw new Error(`client/page-list.ts names ${page.module}, which does not exist`);
  const component = (await load())[page.export];
  if (!component) throw new Error(`${page.module} has no export ${page.export}`);
  return component;
}

export { pageEntryFor };

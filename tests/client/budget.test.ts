// The size budget (client/budget.json): each page's first-load JavaScript and CSS, in brotli bytes
// as served, must stay within its budget. A size check on the built files, not a timed test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from '../../server/client-build.ts';
import { PAGE_LIST } from '../../client/page-list.ts';
import { firstLoad, readManifest, staticFiles, type ViteManifest } from '../../build/first-load.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const budget = JSON.parse(readFileSync(`${root}client/budget.json`, 'utf8')) as { pages: Record<string, { firstLoadJsCssBytes: number; withLazyJsCssBytes?: number }> };
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

describe('client size budget', () => {
  let dist = '';
  let manifest: ViteManifest;
  beforeAll(async () => {
    dist = await ensureClientBuilt(root, () => {});
    manifest = readManifest(dist);
  }, 300_000);

  it('has a budget for every page', () => {
    expect(Object.keys(budget.pages).sort()).toEqual(PAGE_LIST.map((p) => p.id).sort());
  });

  for (const page of PAGE_LIST) {
    it(`keeps ${page.id}'s first-load JS and CSS within its budget`, () => {
      const w = firstLoad(dist, manifest, page.module, false, page.preloadModules);
      const limit = budget.pages[page.id]!.firstLoadJsCssBytes;
      console.log(`${page.id.padEnd(11)} first load ${kib(w.js + w.css)} (JS ${kib(w.js)}, CSS ${kib(w.css)}) of ${kib(limit)}`);
      expect(w.js + w.css, `${page.id} first load: ${w.files.join(', ')}`).toBeLessThanOrEqual(limit);
      const lazyLimit = budget.pages[page.id]!.withLazyJsCssBytes;
      if (lazyLimit !== undefined) {
        const all = firstLoad(dist, manifest, page.module, true, page.preloadModules);
        console.log(`${page.id.padEnd(11)} with its lazy parts ${kib(all.js + all.css)} of ${kib(lazyLimit)}`);
        expect(all.js + all.css, `${page.id} with lazy parts: ${all.files.join(', ')}`).toBeLessThanOrEqual(lazyLimit);
      }
    });
  }

  it("loads none of analytics, moderation, route planning or import code on the residents' form and in field mode", () => {
    for (const id of ['report', 'field']) {
      const files = firstLoad(dist, manifest, PAGE_LIST.find((p) => p.id === id)!.module).files.join(' ');
      expect(files, id).not.toMatch(/analytics|moderation|route-planner|import-upload|staff-map/);
    }
    // The heavy parts of the staff map come later, on demand.
    const staff = staticFiles(manifest, 'staff-map/staff-map-page.tsx').join(' ');
    expect(staff).not.toMatch(/analytics-page|route-planner-panel/);
    expect(staticFiles(manifest, 'staff-map/staff-map-page.tsx', true).join(' ')).toMatch(/analytics-page.*|route-planner-panel/);
  });

  it('puts MapLibre in one chunk of its own that every map page shares', () => {
    const maplibre = Object.values(manifest).filter((c) => /maplibre-[\w-]+\.js$/.test(c.file));
    expect(maplibre).toHaveLength(1);
    // The staff map's page chunk shows its panel without it; its map chunk, loaded at once, brings it.
    const staffMap = PAGE_LIST.find((p) => p.id === 'staff-map')!;
    expect(staticFiles(manifest, staffMap.module)).not.toContain(maplibre[0]!.file);
    expect(firstLoad(dist, manifest, staffMap.module, false, staffMap.preloadModules).files).toContain(maplibre[0]!.file);
    // The residents' form takes input first; its map (and MapLibre) follows.
    expect(staticFiles(manifest, 'report/report-page.tsx')).not.toContain(maplibre[0]!.file);
    expect(staticFiles(manifest, 'report/report-page.tsx', true)).toContain(maplibre[0]!.file);
    // Field mode likewise: start patrol and the route list first, the map on demand.
    expect(staticFiles(manifest, 'field/field-page.tsx')).not.toContain(maplibre[0]!.file);
    expect(staticFiles(manifest, 'field/field-page.tsx', true)).toContain(maplibre[0]!.file);
  });

  it("keeps MapLibre and the larger map out of the residents' form's offline precache, not out of the staff map's or field mode's", () => {
    const sw = readFileSync(`${dist}/sw.js`, 'utf8');
    const group = (id: string) => new RegExp(`["'\`]?${id}["'\`]?:\\[([^\\]]*)\\]`).exec(sw)?.[1] ?? '';
    const maplibre = Object.values(manifest).find((c) => /maplibre-[\w-]+\.js$/.test(c.file))!.file;
    const reportMap = manifest['report/report-map.tsx']!.file;
    expect(group('report')).toContain('report-page');
    expect(group('report')).not.toContain(maplibre);
    expect(group('report')).not.toContain(reportMap);
    expect(group('"?staff-map"?')).toContain(maplibre);
    // Field mode's map is lazy too, but it must draw with no signal.
    expect(group('field')).toContain(maplibre);
  });
});

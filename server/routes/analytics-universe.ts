// The study area's cells per resolution and district selection, cached until the districts change.
import type { AreaCache } from '../deps.ts';
import type { DistrictIndex } from '../domain/district-index.ts';
import { areaCells } from '../domain/area-cells.ts';

export function makeUniverseCache(area: AreaCache) {
  const byIndex = new WeakMap<DistrictIndex, Map<string, string[]>>();
  return {
    async cells(res: number, districts?: readonly string[]): Promise<string[]> {
      const index = await area.index();
      let cache = byIndex.get(index);
      if (!cache) byIndex.set(index, (cache = new Map()));
      const key = `${res}:${districts ? [...districts].sort().join(',') : '*'}`;
      let cells = cache.get(key);
      if (!cells) {
        const shapes = districts ? index.districts.filter((d) => districts.includes(d.id)) : index.districts;
        cache.set(key, (cells = areaCells(shapes, res)));
      }
      return cells;
    },
  };
}

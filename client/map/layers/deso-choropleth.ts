// The DeSO choropleth: SCB's DeSO areas (GET /api/deso) coloured by reports per 1,000 residents
// (GET /api/analytics/deso) in five classes of the largest rate; areas whose numbers are too
// small to compare are drawn hatched-pale with a dashed outline instead of a colour.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { DesoAreaCollection, DesoTotal } from '../../analytics/analytics-api.ts';

export const DESO_SOURCE_ID = 'deso-areas';
export const DESO_FILL_LAYER_ID = 'deso-fill';
export const DESO_OUTLINE_LAYER_ID = 'deso-outline';
export const DESO_SMALL_LAYER_ID = 'deso-outline-small';

/** Sequential blues (ColorBrewer Blues, 5 classes): distinct from the heat map's reds. */
export const DESO_COLORS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;

export interface DesoProps {
  code: string;
  count: number;
  population: number;
  per1000: number;
  /** per1000 / the largest per1000 among comparable areas, in [0, 1]. */
  level: number;
  small: boolean;
}

/** Joins the polygons with the totals; areas without totals (another district) are left out. */
export function toFeatureCollection(areas: DesoAreaCollection, totals: readonly DesoTotal[]): FeatureCollection<Polygon | MultiPolygon, DesoProps> {
  const byCode = new Map(totals.map((t) => [t.code, t]));
  const top = Math.max(1e-9, topRate(totals));
  return {
    type: 'FeatureCollection',
    features: areas.features.flatMap((f) => {
      const t = byCode.get(f.properties.code);
      if (!t) return [];
      const per1000 = t.per1000 ?? 0;
      return [{ type: 'Feature' as const, id: f.id, geometry: f.geometry, properties: { code: t.code, count: t.count, population: t.population, per1000, level: Math.min(1, per1000 / top), small: t.smallNumbers } }];
    }),
  };
}

/** The top of the colour scale: the largest rate among areas whose numbers are large enough to compare. */
export function topRate(totals: readonly DesoTotal[]): number {
  return Math.max(0, ...totals.filter((t) => !t.smallNumbers).map((t) => t.per1000 ?? 0));
}

const colorByLevel: ExpressionSpecification = ['step', ['get', 'level'], DESO_COLORS[0], 0.2, DESO_COLORS[1], 0.4, DESO_COLORS[2], 0.6, DESO_COLORS[3], 0.8, DESO_COLORS[4]];

export const desoLayers: LayerSpecification[] = [
  {
    id: DESO_FILL_LAYER_ID,
    type: 'fill',
    source: DESO_SOURCE_ID,
    paint: { 'fill-color': ['case', ['get', 'small'], '#d4d4d4', colorByLevel], 'fill-opacity': ['case', ['get', 'small'], 0.35, 0.7] },
  },
  { id: DESO_OUTLINE_LAYER_ID, type: 'line', source: DESO_SOURCE_ID, filter: ['!', ['get', 'small']], paint: { 'line-color': '#08306b', 'line-width': 1, 'line-opacity': 0.6 } },
  { id: DESO_SMALL_LAYER_ID, type: 'line', source: DESO_SOURCE_ID, filter: ['get', 'small'], paint: { 'line-color': '#525252', 'line-width': 1, 'line-dasharray': [2, 2] } },
];

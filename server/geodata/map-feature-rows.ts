// Feature drafts → map_features rows: area POIs, places and addresses become their area's
// representative point; each row gets its bounding box, area (m², polygons) and district.
import type { Geometry } from 'geojson';
import type { MapFeatureRow } from '../db/queries/map-features.ts';
import { areaM2, bboxOfGeometry, representativePoint } from './map-geometry.ts';
import type { FeatureDraft } from './osm-map-collector.ts';

/** Locates the district holding a [lon, lat] point, or null. */
export type Locate = (pt: [number, number]) => string | null;

export function toFeatureRow(d: FeatureDraft, locate: Locate): MapFeatureRow {
  const rep = representativePoint(d.geometry);
  const geometry: Geometry = d.spec.geom === 'point' && d.geometry.type !== 'Point' ? { type: 'Point', coordinates: rep } : d.geometry;
  const props: Record<string, unknown> = { ...d.spec.props };
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') props.area_m2 = Math.round(areaM2(geometry));
  return {
    layer: d.spec.layer,
    kind: d.spec.kind,
    name: d.name,
    osmType: d.osmType,
    osmId: d.osmId,
    districtId: locate(rep),
    props,
    geometry,
    bbox: bboxOfGeometry(geometry),
  };
}

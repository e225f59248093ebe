// Fills map_features straight from a GeoJSON fixture (properties: layer, kind, name, props) and
// sets map_meta 'version', as an OSM import would, for the tile and style tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Geometry } from 'geojson';
import type { Sql } from '../../server/db/sql.ts';
import { announceMapChange } from '../../server/db/map-changes.ts';
import { geometryBbox } from '../../server/domain/tile-schema.ts';

export const RYD_FIXTURE = fileURLToPath(new URL('../fixtures/map/ryd-map-features.geojson', import.meta.url));

export interface FixtureProps {
  layer: string;
  kind: string;
  name: string | null;
  props: Record<string, unknown>;
}

export function readMapFixture(path = RYD_FIXTURE): FeatureCollection<Geometry, FixtureProps> {
  return JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Geometry, FixtureProps>;
}

/** Replaces map_features with the fixture's features and sets map_meta 'version' (and 'import' when asked). */
export async function loadMapFixture(sql: Sql, opts: { version: string; path?: string; markImported?: boolean }): Promise<number> {
  const fc = readMapFixture(opts.path);
  await sql.begin(async (tx) => {
    await tx`delete from map_features`;
    for (const f of fc.features) {
      const [w, s, e, n] = geometryBbox(f.geometry)!;
      await tx`
        insert into map_features (layer, kind, name, props, geometry, min_lon, min_lat, max_lon, max_lat)
        values (${f.properties.layer}, ${f.properties.kind}, ${f.properties.name}, ${JSON.stringify(f.properties.props)}::text::jsonb,
                ${JSON.stringify(f.geometry)}::text::jsonb, ${w}, ${s}, ${e}, ${n})`;
    }
    await tx`insert into map_meta (key, value) values ('version', ${JSON.stringify(opts.version)}::text::jsonb)
             on conflict (key) do update set value = excluded.value, updated_at = now()`;
    if (opts.markImported) {
      await tx`insert into map_meta (key, value) values ('import', ${JSON.stringify({ file: 'fixture' })}::text::jsonb)
               on conflict (key) do update set value = excluded.value, updated_at = now()`;
    }
  });
  announceMapChange(sql);
  return fc.features.length;
}

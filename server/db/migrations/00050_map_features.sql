-- The area's map, from an OpenStreetMap extract (npm run geodata -- import-osm FILE) or, on a
-- fresh clone, from the project's own compact network. Replaced whole, in one transaction, by
-- every import. Tiles (map_tiles, a later migration) and the place index are derived from it.
-- Geometry is GeoJSON in jsonb (WGS84) so the same SQL runs on PGlite and PostgreSQL.
--
-- layer / kind vocabulary (docs/map-features.md is the reference):
--   landuse   residential retail commercial industrial grass park forest wood meadow scrub
--             cemetery allotments pitch playground school farmland recreation_ground parking
--             sports_centre construction brownfield
--   water     water (lakes, ponds, reservoirs, river areas; multipolygons assembled)
--   waterway  river stream canal ditch drain
--   building  building (props: housenumber, street, building = OSM building=* value)
--   road      motorway trunk primary secondary tertiary unclassified residential living_street
--             service pedestrian track footway cycleway path steps bridleway unknown
--             (props: ref, lit, surface, bridge, tunnel, oneway, layer, service)
--   rail      rail light_rail tram subway narrow_gauge (props: bridge, tunnel, service)
--   poi       school kindergarten youth_centre library sports_hall pitch sports_centre shop
--             supermarket convenience pharmacy clinic doctors dentist hospital place_of_worship
--             bus_stop tram_stop station parking playground community_centre police fire_station
--             restaurant cafe fast_food bank atm post_office townhall social_facility
--             (props: subkind = the OSM value it came from, e.g. shop=hairdresser)
--   address   address (props: housenumber, street, postcode)
--   place     suburb quarter neighbourhood square locality hamlet village city
create table map_features (
  id          bigint generated always as identity primary key,
  layer       text not null,
  kind        text not null,
  name        text,                          -- name:sv, else name
  osm_type    char(1),                       -- 'n', 'w' or 'r' when from OSM
  osm_id      bigint,
  district_id text references districts(id) on delete set null,
  props       jsonb not null default '{}'::jsonb,
  geometry    jsonb not null,                -- GeoJSON Point / LineString / Polygon / Multi*
  min_lon     double precision not null,     -- bounding box, for tile and search queries
  min_lat     double precision not null,
  max_lon     double precision not null,
  max_lat     double precision not null
);
create index map_features_layer_idx on map_features (layer, kind);
create index map_features_bbox_idx on map_features (min_lon, max_lon, min_lat, max_lat);

-- What the current map was built from, and when: one row per key ('import' = summary JSON).
create table map_meta (
  key        text primary key,
  value      jsonb not null,
  updated_at timestamptz not null default now()
);

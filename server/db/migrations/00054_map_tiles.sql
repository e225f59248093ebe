-- Vector tiles of the area's map (server/tiles), cut from map_features and the districts. One row
-- per tile; a row whose version is not the current map version (map_meta 'version' plus the
-- districts' fingerprint, see server/db/queries/map-tiles.ts) is stale and never served: the next
-- request rebuilds it, and `npm run geodata -- build-tiles` (or the import) rebuilds them all.
-- Bytes, not PostGIS: the same SQL runs on PGlite and PostgreSQL.
create table map_tiles (
  z          smallint not null,
  x          integer not null,
  y          integer not null,
  version    text not null,
  data       bytea not null,          -- Mapbox Vector Tile (protobuf), uncompressed; empty = no features
  data_gzip  bytea not null,          -- the same, gzip-compressed (served for Accept-Encoding: gzip)
  data_br    bytea not null,          -- the same, brotli-compressed (served for Accept-Encoding: br)
  etag       text not null,           -- strong validator of `data`, without quotes
  built_at   timestamptz not null default now(),
  primary key (z, x, y)
);
create index map_tiles_version_idx on map_tiles (version);

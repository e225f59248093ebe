-- The area: districts (polygons), team bases and the walkable street network.
-- Geometry is kept as GeoJSON in jsonb so that the same SQL runs on PGlite and on a
-- PostgreSQL server without PostGIS; spatial work happens in server/domain.

create table districts (
  id          text primary key,              -- slug, e.g. 'ryd'
  name        text not null,                 -- display name, e.g. 'Ryd'
  approximate boolean not null default false,-- true when the polygon is hand-drawn, not official
  source      text not null default '',      -- provenance, shown in the UI
  geometry    jsonb not null,                -- GeoJSON Polygon or MultiPolygon, WGS84
  updated_at  timestamptz not null default now()
);

create table team_bases (
  id          text primary key,
  name        text not null,
  district_id text references districts(id) on delete set null,
  lon         double precision not null,
  lat         double precision not null
);

-- One row per way (or way piece) of the walkable network.
create table streets (
  id          bigint generated always as identity primary key,
  osm_way_id  bigint,
  name        text,
  highway     text,                          -- OSM highway=* value when known
  lit         text,                          -- OSM lit=* value when known ('yes', 'no', …)
  length_m    double precision not null,
  district_id text references districts(id) on delete set null,
  coords      jsonb not null                 -- [[lon, lat], …]
);
create index streets_district_idx on streets (district_id);

-- Incident reports. cell is the H3 resolution-10 index as a 63-bit integer.
create table reports (
  id            uuid primary key,
  category      text not null,
  lat           double precision not null,
  lon           double precision not null,
  cell          bigint not null,
  district_id   text not null references districts(id),
  observed_from timestamptz not null,
  observed_to   timestamptz not null,
  description   text,
  source        text not null,
  status        text not null default 'new',
  created_at    timestamptz not null default now(),
  check (observed_to >= observed_from),
  check (lat between -90 and 90 and lon between -180 and 180)
);
create index reports_observed_idx on reports (observed_to desc, id desc);
create index reports_cell_idx on reports (cell);
create index reports_district_idx on reports (district_id, observed_to desc);
create index reports_category_idx on reports (category, observed_to desc);

-- Idempotency-Key support: the first response to a key is stored and replayed.
create table idempotency_keys (
  key          text not null,
  scope        text not null,                -- method + route, e.g. 'POST /api/reports'
  request_hash text not null,                -- sha-256 of the body: a reused key with a new body is refused
  status       integer,
  body         jsonb,
  created_at   timestamptz not null default now(),
  primary key (scope, key)
);

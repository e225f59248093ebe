-- SCB's demographic statistics areas (DeSO) of the area with their population, for rates per
-- 1,000 residents per district and per DeSO. Loaded with the area (geodata/linkoping/deso.geojson)
-- and replaced by `npm run geodata -- import-deso FILE` when SCB publishes a newer release.
create table deso_areas (
  code        text primary key,                -- SCB DeSO code, e.g. '0580C1610'
  regso       text not null,                   -- RegSO code, e.g. '0580R018'
  regso_name  text not null default '',
  district_id text references districts(id) on delete set null, -- null: outside the project's districts
  population  integer not null check (population >= 0),
  source      text not null default '',
  geometry    jsonb not null,                  -- GeoJSON Polygon or MultiPolygon, WGS84
  updated_at  timestamptz not null default now()
);
create index deso_areas_district_idx on deso_areas (district_id);

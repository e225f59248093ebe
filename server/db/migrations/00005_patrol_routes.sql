-- Patrol routes: drawn by a team leader, or suggested and accepted, for one team and shift.
-- Waypoints are the points the route was drawn through (stops carry a dwell); geometry is the
-- walking line along the network; schedule holds each stop's planned arrival and departure
-- (Europe/Stockholm ISO) so plan-against-actual (issue 7) can read it without recomputing.
create table patrol_routes (
  id          uuid primary key,
  name        text not null,
  team        text,                           -- team name or id, free text until teams exist
  district_id text references districts(id) on delete set null,
  date        date not null,                  -- the shift's local date (Europe/Stockholm)
  shift_start text not null,                  -- 'HH:MM' local
  shift_end   text not null,                  -- 'HH:MM' local; ≤ start means the next day
  speed_kmh   double precision not null default 4.5,
  waypoints   jsonb not null,                 -- [{ lon, lat, stop, dwellMin, cell?, place? }]
  geometry    jsonb,                          -- GeoJSON LineString along the network
  schedule    jsonb not null default '[]',    -- [{ index, cell, place, arrival, departure }] for stops
  length_m    double precision not null default 0,
  graph       text not null default 'streets',-- 'streets' | 'hex-grid': what the legs follow
  source      text not null default 'drawn',  -- 'drawn' | 'suggested' | 'imported'
  created_by  text,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  check (jsonb_typeof(waypoints) = 'array'),
  check (source in ('drawn', 'suggested', 'imported')),
  check (graph in ('streets', 'hex-grid'))
);
create index patrol_routes_date_idx on patrol_routes (date, team);
create index patrol_routes_district_idx on patrol_routes (district_id, date);

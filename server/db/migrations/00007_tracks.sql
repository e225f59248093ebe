-- Patrol tracks (issue 7): raw GPS points kept for a retention period, presence per cell and
-- hour kept in the same transaction as the points, and the discovered-on-patrol report flag.

create table tracks (
  id              uuid primary key,
  user_id         text,                        -- account that recorded it (null for CLI imports)
  team_id         text not null,               -- team the patrol belongs to
  shift_date      date not null,               -- local (Europe/Stockholm) date of the shift
  shift_start     text,                        -- 'HH:MM' local, when known
  shift_end       text,                        -- 'HH:MM' local, when known
  source          text not null default 'live',-- 'live' (phone), 'gpx', 'geojson'
  started_at      timestamptz not null,
  ended_at        timestamptz,                 -- null while the patrol is on
  point_count     integer not null default 0,  -- stored (cleaned) points
  discarded_count integer not null default 0,  -- points refused: outside the area, impossible jumps, poor accuracy
  outside_count   integer not null default 0,  -- of which outside the districts (+200 m), never stored
  last_lat        double precision,            -- latest position (live view); cleared on reduction
  last_lon        double precision,
  last_at         timestamptz,
  reduced_at      timestamptz,                 -- raw points deleted, only presence aggregates kept
  created_at      timestamptz not null default now()
);
create index tracks_team_idx on tracks (team_id, started_at desc);
create index tracks_user_idx on tracks (user_id, started_at desc);
create index tracks_open_idx on tracks (last_at desc) where ended_at is null;

-- Raw points. One fix per track and instant: a repeated timestamp is the same fix sent twice.
create table track_points (
  track_id   uuid not null references tracks(id) on delete cascade,
  t          timestamptz not null,
  lat        double precision not null,
  lon        double precision not null,
  accuracy_m real,
  primary key (track_id, t)
);

-- Presence per track × H3 res-10 cell × local date × hour of the week (0 = Monday 00–01),
-- recomputed from the points in the same transaction as every append; kept after reduction.
create table track_presence (
  track_id     uuid not null references tracks(id) on delete cascade,
  team_id      text not null,
  cell         bigint not null,
  district_id  text,                           -- district of the cell centre (null in the margin)
  local_date   date not null,
  hour_of_week smallint not null check (hour_of_week between 0 and 167),
  minutes      real not null,                  -- counted presence (walking/cycling, no gaps)
  stop_minutes real not null default 0,        -- of which within a stop (dwell ≥ the minimum)
  last_at      timestamptz not null,           -- end of the latest presence in this bucket
  primary key (track_id, cell, local_date, hour_of_week)
);
create index track_presence_cell_idx on track_presence (cell, local_date);
create index track_presence_date_idx on track_presence (local_date, hour_of_week);

-- Reports filed from field mode while on patrol (kept apart in the fairness check).
alter table reports add column discovered_on_patrol boolean not null default false;

-- Intervention log (issue 15): what was done where and when, so it can be evaluated against
-- comparison areas. `cells` are the H3 resolution-10 cells (hex) the intervention covers,
-- whatever way it was drawn (cells, a polygon, or a place with rings around it).
-- action_id names the lägesbild action (est_actions.id) the intervention answers. It carries no
-- foreign key yet: est_actions is added by another migration range; the key is added when both
-- are on main.
create table interventions (
  id            uuid primary key,
  kind          text not null check (kind in ('patrol', 'lighting', 'vegetation', 'camera', 'cleaning', 'youth-activity', 'guard', 'environment', 'other')),
  title         text not null,
  where_kind    text not null check (where_kind in ('cells', 'polygon', 'place')),
  cells         text[] not null,
  geometry      jsonb,                          -- the drawn GeoJSON Polygon, when drawn
  place_name    text not null,
  lat           double precision not null,      -- centre of the cells
  lon           double precision not null,
  districts     text[] not null default '{}',
  start_date    date not null,
  end_date      date,
  organisation  text not null,
  cost_sek      numeric(14, 2),
  notes         text not null default '',
  action_id     uuid,                           -- est_actions(id), see above
  control_cells text[],                         -- comparison chosen by hand (null: matched automatically)
  weeks         integer not null default 12 check (weeks between 1 and 104),
  buffer_rings  integer not null default 2 check (buffer_rings between 0 and 5),
  created_by    text references users(id) on delete set null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  closed_at     timestamptz,
  check (end_date is null or end_date >= start_date)
);
create index interventions_start_idx on interventions (start_date desc);
create index interventions_action_idx on interventions (action_id) where action_id is not null;

-- Patrol-dosage experiments: randomised hot-spot patrols blocked by district (Sherman & Weisburd
-- 1995; Ariel et al. 2016, Peterborough). The assignment is fixed at creation from the seed.
create table experiments (
  id                 uuid primary key,
  name               text not null,
  cells              text[] not null,
  assignment         jsonb not null,            -- [{ cell, district, arm }]
  weeks              integer not null check (weeks between 1 and 52),
  start_date         date not null,
  visits_per_evening integer not null check (visits_per_evening between 1 and 6),
  visit_min          integer not null check (visit_min between 5 and 60),
  evening_start      text not null default '18:00',
  evening_end        text not null default '23:00',
  seed               integer not null,
  power              jsonb not null,
  created_by         text references users(id) on delete set null,
  created_at         timestamptz not null default now()
);
create index experiments_start_idx on experiments (start_date);

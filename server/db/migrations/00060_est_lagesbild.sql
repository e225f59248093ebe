-- EST (Effektiv samordning för trygghet): partner organisations and their members, the EST
-- fields on reports, the weekly lägesbild (notes, comments, frozen snapshots, grade thresholds),
-- the actions agreed at meetings (est_actions) and the table that runs scheduled jobs once.

create table organisations (
  id         text primary key,                 -- slug, e.g. 'stangastaden'
  name       text not null,
  kind       text not null default 'annan'
             check (kind in ('polis', 'fastighetsagare', 'skola', 'forening', 'naringsliv', 'kommun', 'raddningstjanst', 'annan')),
  created_at timestamptz not null default now()
);

-- A partner account's organisation and the districts it works in (what it may read).
create table organisation_members (
  user_id         text primary key references users(id) on delete cascade,
  organisation_id text not null references organisations(id) on delete cascade,
  districts       text[] not null default '{}',
  created_at      timestamptz not null default now()
);
create index organisation_members_org_idx on organisation_members (organisation_id);

-- What EST reports carry: the reporter's judgement whether it creates otrygghet, the kind of
-- place, and the organisation that reported it (set from the sender's membership).
alter table reports add column otrygghet text check (otrygghet in ('ja', 'nej', 'vet-ej'));
alter table reports add column place_kind text
  check (place_kind in ('trapphus', 'entre', 'kallare', 'butik', 'skolgard', 'busshallplats', 'park', 'parkering', 'gangtunnel', 'lekplats', 'gata', 'annat'));
alter table reports add column organisation_id text references organisations(id) on delete set null;
create index reports_organisation_idx on reports (organisation_id, observed_to desc) where organisation_id is not null;

-- The analysis text of a week's lägesbild per district (chief and team leaders).
create table lagesbild_notes (
  week        text not null,                   -- ISO week, '2026-W48'
  district_id text not null references districts(id) on delete cascade,
  analysis    text not null default '',
  updated_by  text,
  updated_at  timestamptz not null,
  primary key (week, district_id)
);

-- Comments on a week's lägesbild (staff, and partners before the meeting).
create table lagesbild_comments (
  id           uuid primary key,
  week         text not null,
  district_id  text not null references districts(id) on delete cascade,
  author_id    text references users(id) on delete set null,
  author_label text not null,
  organisation text,
  body         text not null,
  created_at   timestamptz not null
);
create index lagesbild_comments_week_idx on lagesbild_comments (week, district_id, created_at);

-- The lägesbild as shown at the meeting, archived per district: never changes afterwards.
create table lagesbild_snapshots (
  week        text not null,
  district_id text not null references districts(id) on delete cascade,
  frozen_at   timestamptz not null,
  frozen_by   text,
  section     jsonb not null,
  primary key (week, district_id)
);

-- Drafts prepared by the Monday job (or by hand): one row per week.
create table lagesbild_drafts (
  week        text primary key,
  created_at  timestamptz not null,
  created_by  text not null,                   -- 'job' or a user id
  mailed      integer not null default 0,      -- partners e-mailed
  mail_note   text                             -- why no mail went out, when none did
);

-- Thresholds of the traffic-light checklist, adjustable by the chief (defaults in code).
create table lagesbild_thresholds (
  indicator  text primary key,
  gul        double precision not null,
  orange     double precision not null,
  rod        double precision not null,
  updated_by text,
  updated_at timestamptz not null,
  check (gul <= orange and orange <= rod)
);

-- Actions (åtgärder) agreed at an EST meeting, followed up at the next ones.
create table est_actions (
  id                 uuid primary key,
  week               text not null,            -- the meeting week that agreed it
  district_id        text not null references districts(id),
  what               text not null,
  place              text,                     -- a place name as said at the meeting
  cells              text[] not null default '{}',   -- H3 resolution-10 cells (hex)
  report_ids         uuid[] not null default '{}',
  hotspot_cell       text,
  organisation_id    text references organisations(id) on delete set null,
  responsible_person text,
  due_date           date,
  status             text not null default 'ej-paborjad'
                     check (status in ('ej-paborjad', 'pagar', 'klar', 'stangd-utan-atgard')),
  created_by         text,
  created_at         timestamptz not null,
  updated_at         timestamptz not null
);
create index est_actions_district_idx on est_actions (district_id, status);

-- Scheduled jobs: one row per job and run key; whoever inserts it runs it (once, whatever the
-- number of processes).
create table scheduled_jobs (
  kind        text not null,                   -- e.g. 'lagesbild-draft'
  run_key     text not null,                   -- e.g. '2026-W48'
  started_at  timestamptz not null,
  finished_at timestamptz,
  result      jsonb,
  primary key (kind, run_key)
);

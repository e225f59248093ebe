-- Residents' reports: moderation state on reports, the moderation log, photos, contact
-- details kept apart, and tracking tokens for receipts (also Open311 tokens).

-- Status values (server/domain/categories.ts STATUSES): new, approved, confirmed, merged,
-- closed, rejected. A resident report's free text is public only once approved.
alter table reports add column reject_reason text
  check (reject_reason is null or reject_reason in ('spam', 'offensive', 'not-our-matter'));
alter table reports add column merged_into uuid references reports(id);
alter table reports add column public_note text;
-- Set when a moderator approves: the free text may then be shown publicly (also once closed).
alter table reports add column text_public boolean not null default false;
alter table reports add column moderated_at timestamptz;
alter table reports add column updated_at timestamptz not null default now();
create index reports_source_created_idx on reports (source, status, created_at desc);

-- Every moderation action: who, when, what, and the values before and after.
create table moderation_actions (
  id            bigint generated always as identity primary key,
  report_id     uuid not null references reports(id) on delete cascade,
  action        text not null check (action in ('approve', 'reject', 'merge', 'recategorise', 'note', 'close')),
  actor_id      text,                      -- user id (server/auth); null only for system actions
  actor_label   text not null,             -- e-mail or token name at the time, for the log
  from_status   text not null,
  to_status     text not null,
  from_category text,
  to_category   text,
  reason        text,                      -- reject reason code
  merged_into   uuid references reports(id),
  note          text,                      -- public status note set by this action
  created_at    timestamptz not null default now()
);
create index moderation_actions_report_idx on moderation_actions (report_id, created_at);

-- Photos re-encoded on upload (EXIF/GPS stripped, at most 1600 px). Stored as bytea so the
-- same schema works on PGlite and PostgreSQL, rows and photos commit in one transaction and
-- backups include them; a re-encoded photo is ~100–400 KB.
create table report_photos (
  id           uuid primary key,
  report_id    uuid not null references reports(id) on delete cascade,
  content_type text not null check (content_type in ('image/jpeg')),
  width_px     integer not null,
  height_px    integer not null,
  bytes        bytea not null,
  created_at   timestamptz not null default now()
);
create index report_photos_report_idx on report_photos (report_id);

-- A resident's e-mail, apart from the report: read only with 'contacts:read' (audit-logged).
create table report_contacts (
  report_id    uuid primary key references reports(id) on delete cascade,
  email        text not null,
  consent_text text not null,               -- the consent wording the resident agreed to
  consented_at timestamptz not null,
  created_at   timestamptz not null default now()
);

-- Receipts: the sha-256 of the tracking token (the token itself is shown once, in the receipt).
create table report_receipts (
  token_hash text primary key,
  report_id  uuid not null unique references reports(id) on delete cascade,
  created_at timestamptz not null default now()
);

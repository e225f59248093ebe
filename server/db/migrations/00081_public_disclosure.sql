-- What the anonymous public map and Open311 may show as pins, per category and per source.
-- A row overrides the default of server/domain/disclosure.ts (police reports and the sensitive
-- categories hot-vald and narkotika are withheld; residents' and partners' reports are shown).
-- Withheld reports are published only as weekly counts per district. Every change is audit-logged.
create table public_disclosure (
  kind       text not null check (kind in ('category', 'source')),
  value      text not null,                    -- a category code or a source
  public     boolean not null,
  updated_at timestamptz not null default now(),
  updated_by text,                             -- user id of the admin who set it
  primary key (kind, value)
);

-- State that every server process must agree on (WORKERS=N on one PostgreSQL).
--
-- Fixed-window rate limits per key ('<limit name>:<address>'): one row per key and window,
-- counted by one upsert per request. Rows whose window ended are reused or swept.
create table rate_limits (
  key        text primary key,
  expires_at timestamptz not null,
  hits       integer not null
);
create index rate_limits_expires_idx on rate_limits (expires_at);

-- A change to the districts tells every process to drop its cached district index at once
-- (server/area-cache.ts LISTENs on 'area_changed'; the periodic version check stays as a backstop).
create function notify_area_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('area_changed', '');
  return null;
end $$;
create trigger districts_area_changed after insert or update or delete or truncate on districts
  for each statement execute function notify_area_changed();

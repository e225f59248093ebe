-- A change log for in-process copies of heat_hours (server/db/queries/heat-cache.ts): every
-- statement that moves the aggregate records its transaction id and the local dates it touched.
-- A reader that remembers the snapshot xmin of its last refresh reloads exactly the dates of
-- transactions that have committed since, so its copy equals the table in its snapshot.

create table heat_changes (
  xid        xid8 not null default pg_current_xact_id(),
  first_date date not null,
  last_date  date not null,
  created_at timestamptz not null default now()
);
create index heat_changes_xid_idx on heat_changes (xid);

create or replace function heat_log_change(rs reports[]) returns void language sql as $$
  insert into heat_changes (first_date, last_date)
  select min((r.observed_from at time zone 'Europe/Stockholm')::date), max((r.observed_to at time zone 'Europe/Stockholm')::date)
  from unnest(rs) r
  having count(*) > 0;
$$;

create or replace function heat_on_insert() returns trigger language plpgsql as $$
declare rs reports[] := array(select r::reports from new_rows r);
begin
  perform heat_apply(rs, 1);
  perform heat_log_change(rs);
  return null;
end $$;

create or replace function heat_on_delete() returns trigger language plpgsql as $$
declare rs reports[] := array(select r::reports from old_rows r);
begin
  perform heat_apply(rs, -1);
  perform heat_log_change(rs);
  return null;
end $$;

create or replace function heat_on_update() returns trigger language plpgsql as $$
declare
  olds reports[] := array(
    select o::reports from old_rows o join new_rows n on n.id = o.id
    where (o.cell, o.category, o.source, o.status, o.district_id, o.observed_from, o.observed_to)
          is distinct from (n.cell, n.category, n.source, n.status, n.district_id, n.observed_from, n.observed_to));
  news reports[] := array(
    select n::reports from old_rows o join new_rows n on n.id = o.id
    where (o.cell, o.category, o.source, o.status, o.district_id, o.observed_from, o.observed_to)
          is distinct from (n.cell, n.category, n.source, n.status, n.district_id, n.observed_from, n.observed_to));
begin
  perform heat_apply(olds, -1);
  perform heat_apply(news, 1);
  perform heat_log_change(olds || news);
  return null;
end $$;

create or replace function heat_on_truncate() returns trigger language plpgsql as $$
begin
  truncate heat_hours;
  insert into heat_changes (first_date, last_date) values ('-infinity', 'infinity');
  return null;
end $$;

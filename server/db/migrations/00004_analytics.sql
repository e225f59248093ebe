-- Analytics aggregate: every report spread aoristically (Ratcliffe 2002) over the Europe/Stockholm
-- local hours its window covers, summed per resolution-10 cell × local date × hour × category ×
-- source × district. Kept exact by statement-level triggers with transition tables on every write
-- to reports (INSERT, COPY, UPDATE, DELETE, TRUNCATE) in the writer's own transaction, so the
-- heat map, clock, hotspots and trends never scan the raw reports at query time.
--
-- Hours are stepped in UTC: Stockholm's offset is a whole number of hours, so each UTC hour is
-- one local hour — the spring-forward hour (02–03) gets nothing, the autumn repeated 02–03
-- counts twice. Rejected reports and duplicates merged into another do not count; the rest do.

create table heat_hours (
  local_date  date not null,              -- Europe/Stockholm calendar date
  cell        bigint not null,            -- H3 resolution 10
  hour        smallint not null,          -- local hour 0–23
  dow         smallint not null,          -- ISO weekday of local_date, 0 = Monday
  category    text not null,
  source      text not null,
  district_id text not null,
  weight      double precision not null,  -- Σ aoristic weights (each report sums to 1)
  count       integer not null,           -- reports whose window midpoint lies in this hour
  n           integer not null,           -- (report, UTC hour) shares summed here; the row goes at 0
  primary key (local_date, cell, hour, category, source, district_id)
);
create index heat_hours_cell_idx on heat_hours (cell);

-- Adds (sgn = 1) or removes (sgn = -1) the hour shares of the given reports.
create function heat_apply(rs reports[], sgn integer) returns void language plpgsql
  -- Row estimates of the lateral series are wild: JIT compiles would cost more than the work,
  -- and a bulk statement's hash aggregate should stay in memory.
  set jit = off set work_mem = '64MB'
as $$
begin
  insert into heat_hours as h (local_date, cell, hour, dow, category, source, district_id, weight, count, n)
  select lh::date, s.cell, extract(hour from lh)::smallint, (extract(isodow from lh) - 1)::smallint,
         s.category, s.source, s.district_id, sgn * sum(s.w), sgn * sum(s.c), sgn * count(*)
  from (
    select r.cell, r.category, r.source, r.district_id,
           hs at time zone 'Europe/Stockholm' as lh,
           case when r.observed_to = r.observed_from then 1.0::float8
                else extract(epoch from least(r.observed_to, hs + interval '1 hour') - greatest(r.observed_from, hs))::float8
                     / extract(epoch from r.observed_to - r.observed_from)::float8 end as w,
           case when hs = date_trunc('hour', r.observed_from + (r.observed_to - r.observed_from) / 2, 'UTC') then 1 else 0 end as c
    from unnest(rs) r
    cross join lateral generate_series(date_trunc('hour', r.observed_from, 'UTC'), r.observed_to, interval '1 hour') hs
    where r.status not in ('rejected', 'merged')
  ) s
  where s.w > 0
  group by 1, 2, 3, 4, 5, 6, 7
  on conflict (local_date, cell, hour, category, source, district_id) do update
    set weight = h.weight + excluded.weight, count = h.count + excluded.count, n = h.n + excluded.n;
  if sgn < 0 then
    delete from heat_hours h where h.n <= 0 and h.cell = any (array(select distinct r.cell from unnest(rs) r));
  end if;
end $$;

create function heat_on_insert() returns trigger language plpgsql as $$
begin
  perform heat_apply(array(select r::reports from new_rows r), 1);
  return null;
end $$;

create function heat_on_delete() returns trigger language plpgsql as $$
begin
  perform heat_apply(array(select r::reports from old_rows r), -1);
  return null;
end $$;

-- Only rows whose counted fields changed are moved (a description edit costs nothing).
create function heat_on_update() returns trigger language plpgsql as $$
begin
  perform heat_apply(array(
    select o::reports from old_rows o join new_rows n on n.id = o.id
    where (o.cell, o.category, o.source, o.status, o.district_id, o.observed_from, o.observed_to)
          is distinct from (n.cell, n.category, n.source, n.status, n.district_id, n.observed_from, n.observed_to)), -1);
  perform heat_apply(array(
    select n::reports from old_rows o join new_rows n on n.id = o.id
    where (o.cell, o.category, o.source, o.status, o.district_id, o.observed_from, o.observed_to)
          is distinct from (n.cell, n.category, n.source, n.status, n.district_id, n.observed_from, n.observed_to)), 1);
  return null;
end $$;

create function heat_on_truncate() returns trigger language plpgsql as $$
begin
  truncate heat_hours;
  return null;
end $$;

create trigger reports_heat_insert after insert on reports referencing new table as new_rows
  for each statement execute function heat_on_insert();
create trigger reports_heat_delete after delete on reports referencing old table as old_rows
  for each statement execute function heat_on_delete();
create trigger reports_heat_update after update on reports referencing old table as old_rows new table as new_rows
  for each statement execute function heat_on_update();
create trigger reports_heat_truncate after truncate on reports
  for each statement execute function heat_on_truncate();

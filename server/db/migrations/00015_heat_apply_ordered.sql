-- heat_apply upserts its aggregate rows in primary-key order. Writers that run at the same time
-- (the report batcher keeps more than one batch in flight; imports, moderation) then take the
-- heat_hours row locks they share in the same order and wait for each other instead of
-- deadlocking. Otherwise as in 00004.

create or replace function heat_apply(rs reports[], sgn integer) returns void language plpgsql
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
  order by 1, 2, 3, 5, 6, 7
  on conflict (local_date, cell, hour, category, source, district_id) do update
    set weight = h.weight + excluded.weight, count = h.count + excluded.count, n = h.n + excluded.n;
  if sgn < 0 then
    delete from heat_hours h where h.n <= 0 and h.cell = any (array(select distinct r.cell from unnest(rs) r));
  end if;
end $$;

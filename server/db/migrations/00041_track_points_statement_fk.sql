-- Patrol track ingest (issue 7): track_points' reference to tracks is checked once per statement
-- instead of once per row. The foreign key ran a lookup of the track for every fix (about 4 µs
-- of PostgreSQL's CPU per fix, a third of its share of an API batch); statement-level
-- triggers with transition tables keep the same guarantees for a whole batch at once:
--   * a fix must belong to an existing track, which is locked FOR KEY SHARE as the foreign key
--     locked it (a concurrent delete of the track waits, or the insert fails);
--   * deleting tracks deletes their fixes (was ON DELETE CASCADE), also by TRUNCATE … CASCADE;
--   * a track's id cannot change while it has fixes (was ON UPDATE NO ACTION).
alter table track_points drop constraint track_points_track_id_fkey;

create function track_points_check_track() returns trigger language plpgsql as $$
declare
  ids uuid[] := array(select distinct n.track_id from new_points n);
  locked integer;
begin
  perform 1 from tracks t where t.id = any(ids) for key share of t;
  get diagnostics locked = row_count;
  if locked < cardinality(ids) then
    raise foreign_key_violation using
      message = 'insert or update on table "track_points" violates foreign key constraint "track_points_track_id_fkey"',
      detail = format('Key (track_id)=(%s) is not present in table "tracks".',
        (select i from unnest(ids) i where not exists (select 1 from tracks t where t.id = i) limit 1)),
      table = 'track_points', constraint = 'track_points_track_id_fkey';
  end if;
  return null;
end $$;

create trigger track_points_track_insert after insert on track_points referencing new table as new_points
  for each statement execute function track_points_check_track();
create trigger track_points_track_update after update on track_points referencing new table as new_points
  for each statement execute function track_points_check_track();

create function tracks_delete_points() returns trigger language plpgsql as $$
begin
  delete from track_points p using gone_tracks g where p.track_id = g.id;
  return null;
end $$;

create trigger tracks_points_delete after delete on tracks referencing old table as gone_tracks
  for each statement execute function tracks_delete_points();

create function tracks_truncate_points() returns trigger language plpgsql as $$
begin
  truncate track_points;
  return null;
end $$;

create trigger tracks_points_truncate after truncate on tracks
  for each statement execute function tracks_truncate_points();

create function tracks_keep_id() returns trigger language plpgsql as $$
begin
  if exists (select 1 from track_points where track_id = old.id) then
    raise foreign_key_violation using
      message = 'update on table "tracks" violates foreign key constraint "track_points_track_id_fkey" on table "track_points"',
      detail = format('Key (id)=(%s) is still referenced from table "track_points".', old.id),
      table = 'tracks', constraint = 'track_points_track_id_fkey';
  end if;
  return null;
end $$;

create trigger tracks_points_keep_id after update of id on tracks
  for each row when (old.id is distinct from new.id) execute function tracks_keep_id();

-- Incremental track presence (issue 7): the instants of a state's checkpoints (epoch ms, oldest
-- first) beside the json, so the read of a points batch can pick the latest checkpoint before
-- the batch's earliest fix in SQL and fetch the stored fixes from it in the same round trip as
-- the state itself. Null on rows written before this column: then every stored fix is read.
alter table track_presence_state add column checkpoint_at double precision[];

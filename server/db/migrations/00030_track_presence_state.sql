-- Incremental track presence (issue 7): per track, the visits and checkpoints of the presence
-- computation, so a batch of fixes recomputes only from the latest checkpoint before its
-- earliest fix. Kept as json text: only ever read and written whole by the server. Deleted with
-- the raw points when a track is reduced (it holds exact times per cell).
create table track_presence_state (
  track_id uuid primary key references tracks(id) on delete cascade,
  state    json not null
);

-- The lägesbild's sources say up to when police events are imported: max(observed_to) of the
-- police reports, answered from this partial index instead of a scan of every report (only
-- police rows are indexed, so other writes pay nothing).
create index reports_police_observed_idx on reports (observed_to desc) where source = 'police';

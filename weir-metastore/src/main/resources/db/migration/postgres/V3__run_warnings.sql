-- What the source said about a run's batch although the run went on (a glob that matched no
-- file), one warning per line; NULL when there was none, as for every run before this column.
ALTER TABLE weir_runs ADD COLUMN warnings TEXT;

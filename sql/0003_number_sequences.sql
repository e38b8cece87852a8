-- The last human-facing number handed out per sequence ("accounts:UD", "customers:UD").
-- Local to each site: every site has its own prefix, so these rows are never synced.
CREATE TABLE number_sequences (
    name TEXT PRIMARY KEY,
    last_value BIGINT NOT NULL
);

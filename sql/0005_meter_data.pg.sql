-- Meter data import: meters that are not (yet) on a service point, names files give meters,
-- the review queue for readings of unknown meters, estimation notes, validation findings, the
-- import log and per-channel statistics.
ALTER TABLE meters ALTER COLUMN service_point_id DROP NOT NULL;
ALTER TABLE meters ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
-- Gas and water meters often report one reading per local day: 1440 minutes.
ALTER TABLE meters DROP CONSTRAINT meters_interval_minutes_check,
    ADD CONSTRAINT meters_interval_minutes_check CHECK (interval_minutes IN (5,15,30,60,1440));

-- Other names a file may give a meter (a Green Button usage-point id, an NMI), learnt when a
-- user maps a queued key to a meter.
CREATE TABLE meter_aliases (
    alias TEXT PRIMARY KEY,
    meter_id uuid NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX meter_aliases_meter ON meter_aliases(meter_id);

CREATE TABLE meter_import_runs (
    id uuid PRIMARY KEY,
    source TEXT NOT NULL,
    actor TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    files INTEGER NOT NULL DEFAULT 0,
    readings BIGINT NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('running','finished','failed','cancelled')),
    message TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meter_import_runs_started ON meter_import_runs(started_at);

CREATE TABLE meter_import_files (
    id uuid PRIMARY KEY,
    run_id uuid NOT NULL REFERENCES meter_import_runs(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    format TEXT NOT NULL DEFAULT '',
    size_bytes BIGINT NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('imported','rejected','cancelled')),
    readings BIGINT NOT NULL DEFAULT 0,
    inserted BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0,
    estimated INTEGER NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    unknown INTEGER NOT NULL DEFAULT 0,
    meters INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    quarantine_path TEXT NOT NULL DEFAULT '',
    started_at BIGINT NOT NULL,
    finished_at BIGINT NOT NULL
);
CREATE INDEX meter_import_files_run ON meter_import_files(run_id);
CREATE INDEX meter_import_files_started ON meter_import_files(started_at);

-- Readings whose meter the database does not know, kept whole until a user maps the key. The
-- file reference is checked at commit: the import logs its file after the readings it queued.
-- readings packs each reading as start (int64), duration (int32), value (int64), quality (uint8),
-- little-endian, 21 bytes a reading.
CREATE TABLE unknown_meter_readings (
    id uuid PRIMARY KEY,
    meter_key TEXT NOT NULL,
    alt_key TEXT NOT NULL DEFAULT '',
    commodity TEXT NOT NULL,
    channel TEXT NOT NULL,
    unit TEXT NOT NULL,
    interval_secs INTEGER NOT NULL,
    cumulative INTEGER NOT NULL DEFAULT 0,
    time_zone_hint TEXT NOT NULL DEFAULT '',
    file_id uuid REFERENCES meter_import_files(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    first_start BIGINT NOT NULL,
    last_start BIGINT NOT NULL,
    reading_count INTEGER NOT NULL,
    readings bytea NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX unknown_meter_readings_key ON unknown_meter_readings(meter_key);

-- Why an interval holds the value it holds, for values a rule or a person set (estimated,
-- edited): the rule and the raw value it replaced. Only such slots have a row.
CREATE TABLE interval_annotations (
    channel_id uuid NOT NULL REFERENCES meter_channels(id) ON DELETE CASCADE,
    local_day TEXT NOT NULL,
    slot INTEGER NOT NULL,
    rule TEXT NOT NULL,
    raw_value BIGINT,
    source TEXT NOT NULL,
    set_at BIGINT NOT NULL,
    PRIMARY KEY (channel_id, local_day, slot)
);

CREATE TABLE vee_findings (
    id uuid PRIMARY KEY,
    channel_id uuid NOT NULL REFERENCES meter_channels(id) ON DELETE CASCADE,
    file_id uuid REFERENCES meter_import_files(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    start_utc BIGINT NOT NULL,
    end_utc BIGINT NOT NULL,
    message TEXT NOT NULL,
    found_at BIGINT NOT NULL
);
CREATE INDEX vee_findings_channel ON vee_findings(channel_id, start_utc);
-- A finding is recorded once: importing the same file again refreshes it rather than adding it twice.
CREATE UNIQUE INDEX vee_findings_once ON vee_findings(channel_id, rule, start_utc, end_utc);

-- Kept current by every write, so health views and meter lists never scan interval_days.
CREATE TABLE channel_stats (
    channel_id uuid PRIMARY KEY REFERENCES meter_channels(id) ON DELETE CASCADE,
    first_utc BIGINT NOT NULL,
    last_utc BIGINT NOT NULL,
    days INTEGER NOT NULL,
    expected_count INTEGER NOT NULL,
    present_count INTEGER NOT NULL,
    estimated_count INTEGER NOT NULL,
    updated_at BIGINT NOT NULL
);

ALTER TABLE interval_days ADD COLUMN estimated_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE interval_days DROP CONSTRAINT interval_days_interval_minutes_check,
    ADD CONSTRAINT interval_days_interval_minutes_check CHECK (interval_minutes IN (5,15,30,60,1440));

-- Small state the meter-sync worker keeps between runs (the last fetch of each remote resource).
CREATE TABLE meter_sync_state (
    state_key TEXT PRIMARY KEY,
    state_value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- ud:foreign-keys-off
-- Meter data import: meters that are not (yet) on a service point, names files give meters,
-- the review queue for readings of unknown meters, estimation notes, validation findings, the
-- import log and per-channel statistics. (SQLite rebuilds meters to drop NOT NULL from
-- service_point_id; see Migrator for the foreign-key handling.)
CREATE TABLE meters_rebuilt (
    id TEXT PRIMARY KEY,
    service_point_id TEXT REFERENCES service_points(id),
    serial TEXT NOT NULL UNIQUE,
    commodity TEXT NOT NULL CHECK (commodity IN ('electricity','gas','water')),
    interval_minutes INTEGER NOT NULL CHECK (interval_minutes IN (5,15,30,60,1440)),
    installed_on TEXT NOT NULL,
    removed_on TEXT,
    time_zone TEXT NOT NULL DEFAULT ''
);
INSERT INTO meters_rebuilt (id, service_point_id, serial, commodity, interval_minutes, installed_on, removed_on)
    SELECT id, service_point_id, serial, commodity, interval_minutes, installed_on, removed_on FROM meters;
DROP TABLE meters;
ALTER TABLE meters_rebuilt RENAME TO meters;
CREATE INDEX meters_service_point ON meters(service_point_id);

-- Other names a file may give a meter (a Green Button usage-point id, an NMI), learnt when a
-- user maps a queued key to a meter.
CREATE TABLE meter_aliases (
    alias TEXT PRIMARY KEY,
    meter_id TEXT NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX meter_aliases_meter ON meter_aliases(meter_id);

CREATE TABLE meter_import_runs (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    actor TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    files INTEGER NOT NULL DEFAULT 0,
    readings INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('running','finished','failed','cancelled')),
    message TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meter_import_runs_started ON meter_import_runs(started_at);

CREATE TABLE meter_import_files (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES meter_import_runs(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    format TEXT NOT NULL DEFAULT '',
    size_bytes INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('imported','rejected','cancelled')),
    readings INTEGER NOT NULL DEFAULT 0,
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    estimated INTEGER NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    unknown INTEGER NOT NULL DEFAULT 0,
    meters INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    quarantine_path TEXT NOT NULL DEFAULT '',
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL
);
CREATE INDEX meter_import_files_run ON meter_import_files(run_id);
CREATE INDEX meter_import_files_started ON meter_import_files(started_at);

-- Readings whose meter the database does not know, kept whole until a user maps the key. The
-- file reference is checked at commit: the import logs its file after the readings it queued.
-- readings packs each reading as start (int64), duration (int32), value (int64), quality (uint8),
-- little-endian, 21 bytes a reading.
CREATE TABLE unknown_meter_readings (
    id TEXT PRIMARY KEY,
    meter_key TEXT NOT NULL,
    alt_key TEXT NOT NULL DEFAULT '',
    commodity TEXT NOT NULL,
    channel TEXT NOT NULL,
    unit TEXT NOT NULL,
    interval_secs INTEGER NOT NULL,
    cumulative INTEGER NOT NULL DEFAULT 0,
    time_zone_hint TEXT NOT NULL DEFAULT '',
    file_id TEXT REFERENCES meter_import_files(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    first_start INTEGER NOT NULL,
    last_start INTEGER NOT NULL,
    reading_count INTEGER NOT NULL,
    readings BLOB NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE INDEX unknown_meter_readings_key ON unknown_meter_readings(meter_key);

-- Why an interval holds the value it holds, for values a rule or a person set (estimated,
-- edited): the rule and the raw value it replaced. Only such slots have a row.
CREATE TABLE interval_annotations (
    channel_id TEXT NOT NULL REFERENCES meter_channels(id) ON DELETE CASCADE,
    local_day TEXT NOT NULL,
    slot INTEGER NOT NULL,
    rule TEXT NOT NULL,
    raw_value INTEGER,
    source TEXT NOT NULL,
    set_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, local_day, slot)
);

CREATE TABLE vee_findings (
    id TEXT PRIMARY KEY,
    channel_id TEXT NOT NULL REFERENCES meter_channels(id) ON DELETE CASCADE,
    file_id TEXT REFERENCES meter_import_files(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    start_utc INTEGER NOT NULL,
    end_utc INTEGER NOT NULL,
    message TEXT NOT NULL,
    found_at INTEGER NOT NULL
);
CREATE INDEX vee_findings_channel ON vee_findings(channel_id, start_utc);
-- A finding is recorded once: importing the same file again refreshes it rather than adding it twice.
CREATE UNIQUE INDEX vee_findings_once ON vee_findings(channel_id, rule, start_utc, end_utc);

-- Kept current by every write, so health views and meter lists never scan interval_days.
CREATE TABLE channel_stats (
    channel_id TEXT PRIMARY KEY REFERENCES meter_channels(id) ON DELETE CASCADE,
    first_utc INTEGER NOT NULL,
    last_utc INTEGER NOT NULL,
    days INTEGER NOT NULL,
    expected_count INTEGER NOT NULL,
    present_count INTEGER NOT NULL,
    estimated_count INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- interval_days is rebuilt to admit daily readings (1440 minutes) and gains estimated_count.
CREATE TABLE interval_days_rebuilt (
    channel_id TEXT NOT NULL REFERENCES meter_channels(id) ON DELETE CASCADE,
    local_day TEXT NOT NULL,
    interval_minutes INTEGER NOT NULL CHECK (interval_minutes IN (5,15,30,60,1440)),
    reading_count INTEGER NOT NULL,
    readings BLOB NOT NULL,
    quality BLOB NOT NULL,
    day_total INTEGER NOT NULL,
    present_count INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    estimated_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_id, local_day)
);
INSERT INTO interval_days_rebuilt (channel_id, local_day, interval_minutes, reading_count, readings, quality,
                                   day_total, present_count, updated_at)
    SELECT channel_id, local_day, interval_minutes, reading_count, readings, quality, day_total, present_count,
           updated_at FROM interval_days;
DROP TABLE interval_days;
ALTER TABLE interval_days_rebuilt RENAME TO interval_days;

-- Small state the meter-sync worker keeps between runs (the last fetch of each remote resource).
CREATE TABLE meter_sync_state (
    state_key TEXT PRIMARY KEY,
    state_value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

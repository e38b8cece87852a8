-- Interval data: one row per meter channel per local day (premise time zone). readings holds the
-- day's values as little-endian 64-bit integers in the channel's base unit (Wh, L, varh), one per
-- interval in local order; quality holds one byte per interval (0 missing, 1 actual,
-- 2 estimated, 3 edited). A DST day simply has fewer or more intervals (reading_count).
CREATE TABLE interval_days (
    channel_id uuid NOT NULL REFERENCES meter_channels(id) ON DELETE CASCADE,
    local_day TEXT NOT NULL,
    interval_minutes INTEGER NOT NULL CHECK (interval_minutes IN (5,15,30,60)),
    reading_count INTEGER NOT NULL,
    readings bytea NOT NULL,
    quality bytea NOT NULL,
    day_total BIGINT NOT NULL,
    present_count INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (channel_id, local_day)
);

-- Every value that a later write replaced, with where the new value came from.
CREATE TABLE interval_revisions (
    id uuid PRIMARY KEY,
    channel_id uuid NOT NULL REFERENCES meter_channels(id) ON DELETE CASCADE,
    local_day TEXT NOT NULL,
    slot INTEGER NOT NULL,
    old_value BIGINT NOT NULL,
    old_quality INTEGER NOT NULL,
    new_value BIGINT NOT NULL,
    new_quality INTEGER NOT NULL,
    source TEXT NOT NULL,
    replaced_at BIGINT NOT NULL
);
CREATE INDEX interval_revisions_day ON interval_revisions(channel_id, local_day);

-- Month totals per channel (local months), kept current on every write for segmentation and billing.
CREATE TABLE interval_months (
    channel_id uuid NOT NULL REFERENCES meter_channels(id) ON DELETE CASCADE,
    month TEXT NOT NULL,
    total BIGINT NOT NULL,
    present_count INTEGER NOT NULL,
    PRIMARY KEY (channel_id, month)
);

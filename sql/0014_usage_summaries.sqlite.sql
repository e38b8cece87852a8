-- Usage summaries for segmentation (rules such as usage.peak_share(last 12 months) > 0.3 over a
-- million customers): each stored day and month of a channel also keeps its peak-hours total
-- (intervals starting 16:00-20:00 local time), night total (00:00-07:00 local) and highest
-- single interval value (base unit, Wh for electricity); a month also its maximum demand in
-- whole watts (the highest interval value over the interval's length). NULL on rows written
-- before this migration means "not summarised yet" (UsageProfiles::refreshAll rebuilds them
-- from the day blobs); peak, night and demand are also NULL for daily (1440-minute) channels,
-- which cannot say when in the day the energy was used.
ALTER TABLE interval_days ADD COLUMN peak_total INTEGER;
ALTER TABLE interval_days ADD COLUMN night_total INTEGER;
ALTER TABLE interval_days ADD COLUMN max_value INTEGER;
ALTER TABLE interval_months ADD COLUMN peak_total INTEGER;
ALTER TABLE interval_months ADD COLUMN night_total INTEGER;
ALTER TABLE interval_months ADD COLUMN max_value INTEGER;
ALTER TABLE interval_months ADD COLUMN max_demand INTEGER;
-- Finds what is left to summarise without scanning the tables (empty once rebuilt).
CREATE INDEX interval_days_unsummarised ON interval_days(channel_id, local_day) WHERE max_value IS NULL;
CREATE INDEX interval_months_unsummarised ON interval_months(channel_id) WHERE max_value IS NULL;

-- One row per customer with electricity consumption data in the 24 complete local months up to
-- and including through_month ("YYYY-MM"): wh_01 is through_month, wh_02 the month before, ...
-- wh_24; peak, night (Wh) and maximum demand (W) for the last 12 of them. The sums of all the
-- customer's electricity import channels; demand is the highest of them. NULL where the
-- month has no data (or, for peak/night/demand, was not summarised or came from a daily
-- channel). Kept current by the interval store on every write and by UsageProfiles; rules read
-- only this row (rules/docs: usage.* attributes), so no query aggregates readings.
CREATE TABLE customer_usage_profiles (
    customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    through_month TEXT NOT NULL,
    wh_01 INTEGER,
    wh_02 INTEGER,
    wh_03 INTEGER,
    wh_04 INTEGER,
    wh_05 INTEGER,
    wh_06 INTEGER,
    wh_07 INTEGER,
    wh_08 INTEGER,
    wh_09 INTEGER,
    wh_10 INTEGER,
    wh_11 INTEGER,
    wh_12 INTEGER,
    wh_13 INTEGER,
    wh_14 INTEGER,
    wh_15 INTEGER,
    wh_16 INTEGER,
    wh_17 INTEGER,
    wh_18 INTEGER,
    wh_19 INTEGER,
    wh_20 INTEGER,
    wh_21 INTEGER,
    wh_22 INTEGER,
    wh_23 INTEGER,
    wh_24 INTEGER,
    peak_wh_01 INTEGER,
    peak_wh_02 INTEGER,
    peak_wh_03 INTEGER,
    peak_wh_04 INTEGER,
    peak_wh_05 INTEGER,
    peak_wh_06 INTEGER,
    peak_wh_07 INTEGER,
    peak_wh_08 INTEGER,
    peak_wh_09 INTEGER,
    peak_wh_10 INTEGER,
    peak_wh_11 INTEGER,
    peak_wh_12 INTEGER,
    night_wh_01 INTEGER,
    night_wh_02 INTEGER,
    night_wh_03 INTEGER,
    night_wh_04 INTEGER,
    night_wh_05 INTEGER,
    night_wh_06 INTEGER,
    night_wh_07 INTEGER,
    night_wh_08 INTEGER,
    night_wh_09 INTEGER,
    night_wh_10 INTEGER,
    night_wh_11 INTEGER,
    night_wh_12 INTEGER,
    demand_w_01 INTEGER,
    demand_w_02 INTEGER,
    demand_w_03 INTEGER,
    demand_w_04 INTEGER,
    demand_w_05 INTEGER,
    demand_w_06 INTEGER,
    demand_w_07 INTEGER,
    demand_w_08 INTEGER,
    demand_w_09 INTEGER,
    demand_w_10 INTEGER,
    demand_w_11 INTEGER,
    demand_w_12 INTEGER,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX customer_usage_profiles_through ON customer_usage_profiles(through_month);

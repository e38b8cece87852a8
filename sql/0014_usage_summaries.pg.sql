-- Usage summaries for segmentation (rules such as usage.peak_share(last 12 months) > 0.3 over a
-- million customers): each stored day and month of a channel also keeps its peak-hours total
-- (intervals starting 16:00-20:00 local time), night total (00:00-07:00 local) and highest
-- single interval value (base unit, Wh for electricity); a month also its maximum demand in
-- whole watts (the highest interval value over the interval's length). NULL on rows written
-- before this migration means "not summarised yet" (UsageProfiles::refreshAll rebuilds them
-- from the day blobs); peak, night and demand are also NULL for daily (1440-minute) channels,
-- which cannot say when in the day the energy was used.
ALTER TABLE interval_days ADD COLUMN peak_total BIGINT;
ALTER TABLE interval_days ADD COLUMN night_total BIGINT;
ALTER TABLE interval_days ADD COLUMN max_value BIGINT;
ALTER TABLE interval_months ADD COLUMN peak_total BIGINT;
ALTER TABLE interval_months ADD COLUMN night_total BIGINT;
ALTER TABLE interval_months ADD COLUMN max_value BIGINT;
ALTER TABLE interval_months ADD COLUMN max_demand BIGINT;
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
    customer_id uuid PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    through_month TEXT NOT NULL,
    wh_01 BIGINT,
    wh_02 BIGINT,
    wh_03 BIGINT,
    wh_04 BIGINT,
    wh_05 BIGINT,
    wh_06 BIGINT,
    wh_07 BIGINT,
    wh_08 BIGINT,
    wh_09 BIGINT,
    wh_10 BIGINT,
    wh_11 BIGINT,
    wh_12 BIGINT,
    wh_13 BIGINT,
    wh_14 BIGINT,
    wh_15 BIGINT,
    wh_16 BIGINT,
    wh_17 BIGINT,
    wh_18 BIGINT,
    wh_19 BIGINT,
    wh_20 BIGINT,
    wh_21 BIGINT,
    wh_22 BIGINT,
    wh_23 BIGINT,
    wh_24 BIGINT,
    peak_wh_01 BIGINT,
    peak_wh_02 BIGINT,
    peak_wh_03 BIGINT,
    peak_wh_04 BIGINT,
    peak_wh_05 BIGINT,
    peak_wh_06 BIGINT,
    peak_wh_07 BIGINT,
    peak_wh_08 BIGINT,
    peak_wh_09 BIGINT,
    peak_wh_10 BIGINT,
    peak_wh_11 BIGINT,
    peak_wh_12 BIGINT,
    night_wh_01 BIGINT,
    night_wh_02 BIGINT,
    night_wh_03 BIGINT,
    night_wh_04 BIGINT,
    night_wh_05 BIGINT,
    night_wh_06 BIGINT,
    night_wh_07 BIGINT,
    night_wh_08 BIGINT,
    night_wh_09 BIGINT,
    night_wh_10 BIGINT,
    night_wh_11 BIGINT,
    night_wh_12 BIGINT,
    demand_w_01 BIGINT,
    demand_w_02 BIGINT,
    demand_w_03 BIGINT,
    demand_w_04 BIGINT,
    demand_w_05 BIGINT,
    demand_w_06 BIGINT,
    demand_w_07 BIGINT,
    demand_w_08 BIGINT,
    demand_w_09 BIGINT,
    demand_w_10 BIGINT,
    demand_w_11 BIGINT,
    demand_w_12 BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX customer_usage_profiles_through ON customer_usage_profiles(through_month);

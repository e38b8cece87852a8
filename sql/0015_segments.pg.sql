-- Saved segments (issue 6). A segment is known by its name (unique whatever the case: name_key
-- is the case-folded name, set by the service); its definition is versioned: each save that
-- changes something adds a version with the rule in canonical text and in its JSON form, and
-- the static include / exclude lists of that version. segment_members is the materialised
-- membership of the last refresh, each member in the test or the control group, with the
-- version it was computed from. (Identifiers are uuid in PostgreSQL, text in SQLite.)
CREATE TABLE segments (
    id uuid PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    refresh_hours INTEGER CHECK (refresh_hours IS NULL OR refresh_hours >= 1),
    refreshed_at BIGINT,
    refreshed_by TEXT,
    refreshed_version INTEGER,
    member_count BIGINT,
    control_count BIGINT
);

CREATE TABLE segment_versions (
    segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version >= 1),
    rule_text TEXT NOT NULL,
    rule_json TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    control_percent INTEGER NOT NULL CHECK (control_percent BETWEEN 0 AND 100),
    saved_at BIGINT NOT NULL,
    saved_by TEXT NOT NULL,
    PRIMARY KEY (segment_id, version)
);

-- A customer on a version's include or exclude list. A removed customer leaves the lists.
CREATE TABLE segment_list_entries (
    segment_id uuid NOT NULL,
    version INTEGER NOT NULL,
    list TEXT NOT NULL CHECK (list IN ('include','exclude')),
    customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    PRIMARY KEY (segment_id, version, list, customer_id),
    FOREIGN KEY (segment_id, version) REFERENCES segment_versions(segment_id, version) ON DELETE CASCADE
);

-- The primary key serves a member page and the export of everyone in customer order through
-- the join; (segment_id, member_group, customer_id) the export of one group, and customer_id
-- the segments a customer is in (and the cascade when a customer is removed).
CREATE TABLE segment_members (
    segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    member_group TEXT NOT NULL CHECK (member_group IN ('test','control')),
    version INTEGER NOT NULL,
    PRIMARY KEY (segment_id, customer_id)
);
CREATE INDEX segment_members_group ON segment_members(segment_id, member_group, customer_id);
CREATE INDEX segment_members_customer ON segment_members(customer_id);

-- Contact logging (PostgreSQL): the configurable reason and wrap-up codes, what a contact records
-- about them, its duration and how the caller's identity was checked; the customer's security
-- question and the PBKDF2 hash of its answer; and the failed identity checks that pause
-- further checks of a customer for a while.

-- A code's `code` is its stable key (what interactions store); `label` is what an
-- administrator named it, empty for the shipped codes, which are shown translated from
-- their key. A deactivated code is no longer offered but stays valid on the contacts that
-- used it, so codes are never deleted once used.
CREATE TABLE contact_codes (
    id uuid PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('reason','wrap_up')),
    code TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    sort_order INTEGER NOT NULL,
    UNIQUE (kind, code)
);
INSERT INTO contact_codes (id, kind, code, label, active, sort_order) VALUES
('c0de0000-0000-4000-8000-000000000001', 'reason', 'bill', '', TRUE, 10),
('c0de0000-0000-4000-8000-000000000002', 'reason', 'payment', '', TRUE, 20),
('c0de0000-0000-4000-8000-000000000003', 'reason', 'usage', '', TRUE, 30),
('c0de0000-0000-4000-8000-000000000004', 'reason', 'outage', '', TRUE, 40),
('c0de0000-0000-4000-8000-000000000005', 'reason', 'move', '', TRUE, 50),
('c0de0000-0000-4000-8000-000000000006', 'reason', 'program', '', TRUE, 60),
('c0de0000-0000-4000-8000-000000000007', 'reason', 'complaint', '', TRUE, 70),
('c0de0000-0000-4000-8000-000000000008', 'reason', 'other', '', TRUE, 80),
('c0de0000-0000-4000-8000-000000000101', 'wrap_up', 'resolved', '', TRUE, 10),
('c0de0000-0000-4000-8000-000000000102', 'wrap_up', 'follow_up', '', TRUE, 20),
('c0de0000-0000-4000-8000-000000000103', 'wrap_up', 'escalated', '', TRUE, 30),
('c0de0000-0000-4000-8000-000000000104', 'wrap_up', 'callback_booked', '', TRUE, 40),
('c0de0000-0000-4000-8000-000000000105', 'wrap_up', 'no_action', '', TRUE, 50);

-- Contacts logged before this migration keep empty codes, no duration and no identity check.
ALTER TABLE interactions ADD COLUMN reason_code TEXT NOT NULL DEFAULT '';
ALTER TABLE interactions ADD COLUMN wrap_up_code TEXT NOT NULL DEFAULT '';
ALTER TABLE interactions ADD COLUMN duration_seconds INTEGER NOT NULL DEFAULT 0 CHECK (duration_seconds BETWEEN 0 AND 86400);
ALTER TABLE interactions ADD COLUMN identity_check TEXT NOT NULL DEFAULT '';

-- Both NULL until a security question is set; the answer is never stored, only its hash
-- (Ud::Core::PasswordHasher over the normalised answer).
ALTER TABLE customers ADD COLUMN security_question TEXT;
ALTER TABLE customers ADD COLUMN security_answer_hash TEXT;

-- One row per failed identity check, read to pause checks after too many failures in a short
-- time. Local to the site that took the call.
CREATE TABLE identity_check_failures (
    id uuid PRIMARY KEY,
    customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    at BIGINT NOT NULL
);
CREATE INDEX identity_check_failures_customer ON identity_check_failures(customer_id, at);

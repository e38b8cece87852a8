-- The prepaid and postpaid ledger (issue 5). Every charge, top-up, credit, debt-recovery
-- deduction, emergency credit and its repayment, payment and bill of an account is one row of
-- ledger_entries, and the account's balance is the sum of its amount_minor: no balance is
-- stored anywhere else. amount_minor is signed from the customer's side: positive is money in
-- the customer's favour (top-up, payment, credit, emergency credit), negative is money owed
-- (charge, bill, debt recovery, emergency-credit repayment); adjustments go either way. seq
-- orders the entries of one account (1, 2, 3 ... with no gaps, taken under a per-account lock).
-- `day` is the local date (premise zone) the entry belongs to; `at` the UTC epoch second it
-- was written. A prepaid charge holds what the day used (consumption_wh, over_allowance_wh) and
-- the allowance carried to the next day (carried_wh), so the carry-over can be rebuilt from the
-- entries alone. A bill entry has the day it is due (due_on) for aged debt.
CREATE TABLE ledger_entries (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    day TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('charge','topup','credit','debt_recovery','emergency_credit',
                                       'emergency_repayment','payment','bill','adjustment')),
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    reference TEXT,
    method TEXT,
    actor TEXT NOT NULL,
    note TEXT,
    due_on TEXT,
    consumption_wh BIGINT,
    over_allowance_wh BIGINT,
    carried_wh BIGINT,
    UNIQUE (account_id, seq),
    CHECK (kind <> 'bill' OR (reference IS NOT NULL AND due_on IS NOT NULL)),
    CHECK (kind <> 'charge' OR carried_wh IS NOT NULL)
);
-- A day's prepaid charge can be posted once, a bill once.
CREATE UNIQUE INDEX ledger_entries_one_charge_a_day ON ledger_entries(account_id, day) WHERE kind = 'charge';
CREATE UNIQUE INDEX ledger_entries_one_bill ON ledger_entries(account_id, reference) WHERE kind = 'bill';
CREATE INDEX ledger_entries_reference ON ledger_entries(reference);

-- A debt the customer owes from before (arrears carried onto a prepaid meter), recovered as a
-- share of each top-up (recovery_share_bp of the top-up, basis points: 1000 = 10 %) until
-- outstanding_minor reaches zero. outstanding_minor falls in the same transaction as each
-- debt_recovery entry: original_minor + the sum of those entries.
CREATE TABLE account_debts (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id),
    original_minor BIGINT NOT NULL CHECK (original_minor >= 0),
    outstanding_minor BIGINT NOT NULL CHECK (outstanding_minor >= 0),
    recovery_share_bp INTEGER NOT NULL CHECK (recovery_share_bp > 0 AND recovery_share_bp <= 10000),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Cards that may not top up: only the SHA-256 of the card token (hex) is stored, never the token.
CREATE TABLE payment_cards_blocked (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    reason TEXT NOT NULL,
    blocked_at BIGINT NOT NULL,
    actor TEXT NOT NULL
);

-- Top-up vouchers by the SHA-256 of their code (hex); each can be used once.
CREATE TABLE vouchers (
    code_hash TEXT PRIMARY KEY CHECK (length(code_hash) = 64),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    created_at BIGINT NOT NULL,
    used_at BIGINT,
    account_id TEXT REFERENCES accounts(id),
    CHECK ((used_at IS NULL) = (account_id IS NULL))
);

-- Prepaid rules of a market, or of one account (which then wins): the low-balance thresholds
-- (minor units, comma-separated, e.g. "500,0"), the emergency credit granted when the balance is
-- below the first threshold, and the friendly hours: supply may be disconnected for a negative
-- balance only on the listed ISO weekdays (1 = Monday) from friendly_from_minute to
-- friendly_to_minute local time (600 = 10:00, 960 = 16:00), never on a public holiday.
CREATE TABLE prepaid_settings (
    id TEXT PRIMARY KEY,
    market_code TEXT REFERENCES markets(code),
    account_id TEXT REFERENCES accounts(id),
    low_balance_minor TEXT NOT NULL,
    emergency_credit_minor BIGINT NOT NULL CHECK (emergency_credit_minor >= 0),
    friendly_from_minute INTEGER NOT NULL CHECK (friendly_from_minute >= 0 AND friendly_from_minute < 1440),
    friendly_to_minute INTEGER NOT NULL CHECK (friendly_to_minute > 0 AND friendly_to_minute <= 1440),
    friendly_weekdays TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((market_code IS NULL) <> (account_id IS NULL)),
    CHECK (friendly_from_minute < friendly_to_minute)
);
CREATE UNIQUE INDEX prepaid_settings_market ON prepaid_settings(market_code) WHERE market_code IS NOT NULL;
CREATE UNIQUE INDEX prepaid_settings_account ON prepaid_settings(account_id) WHERE account_id IS NOT NULL;
INSERT INTO prepaid_settings (id, market_code, low_balance_minor, emergency_credit_minor, friendly_from_minute,
                              friendly_to_minute, friendly_weekdays, updated_at)
    VALUES ('00000000-0000-4000-8013-000000000001', 'GB', '500,0', 500, 600, 960, '1,2,3,4,5', 0);
INSERT INTO prepaid_settings (id, market_code, low_balance_minor, emergency_credit_minor, friendly_from_minute,
                              friendly_to_minute, friendly_weekdays, updated_at)
    VALUES ('00000000-0000-4000-8013-000000000002', 'DE', '500,0', 500, 600, 960, '1,2,3,4,5', 0);
INSERT INTO prepaid_settings (id, market_code, low_balance_minor, emergency_credit_minor, friendly_from_minute,
                              friendly_to_minute, friendly_weekdays, updated_at)
    VALUES ('00000000-0000-4000-8013-000000000003', 'ES', '500,0', 500, 600, 960, '1,2,3,4,5', 0);
INSERT INTO prepaid_settings (id, market_code, low_balance_minor, emergency_credit_minor, friendly_from_minute,
                              friendly_to_minute, friendly_weekdays, updated_at)
    VALUES ('00000000-0000-4000-8013-000000000004', 'CN', '5000,0', 5000, 600, 960, '1,2,3,4,5', 0);

-- The arrears stage a postpaid account was last seen in (0 none, 1 up to 30 days past due,
-- 2 31-60, 3 61-90, 4 over 90), so moving to a later stage raises its event once.
CREATE TABLE account_arrears (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id),
    stage INTEGER NOT NULL CHECK (stage >= 0 AND stage <= 4),
    changed_at BIGINT NOT NULL
);

-- What happened to an account that someone should look at (low balance, over-usage, emergency
-- credit, arrears stage), as published on the event bus, kept for the customer page until an
-- agent acknowledges it. payload is the event's JSON object; seq orders the events of a
-- customer written in the same second.
CREATE TABLE account_events (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    customer_id TEXT NOT NULL REFERENCES customers(id),
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    topic TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('info','warning','critical')),
    payload TEXT NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by TEXT
);
CREATE INDEX account_events_customer ON account_events(customer_id, seq);
CREATE INDEX account_events_account ON account_events(account_id, at);

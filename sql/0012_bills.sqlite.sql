-- Bills: what was issued to an account for a period of local days [period_from, period_to]
-- (ISO dates), with its lines, and the bill runs that issued them. Amounts are integer minor
-- units of the currency, energy integer Wh, unit prices integer micros (basis points for VAT),
-- as in the bill calculation. bill_number is the human-facing number (site prefix, "B", a
-- sequence from number_sequences). An account has at most one issued bill for a period, so a
-- rerun of a bill run can never bill it twice; a voided bill no longer counts. The
-- lines keep what a levy line's quantity and price are (BillLine::levyBasis; per_kwh on other
-- lines). A bill run records its counts as it commits each batch, and why each account it could not bill failed.
-- (Identifiers are uuid in PostgreSQL, text in SQLite, as everywhere.)
CREATE TABLE bill_runs (
    id TEXT PRIMARY KEY,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('running','finished','cancelled','failed')),
    accounts INTEGER NOT NULL DEFAULT 0,
    billed INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    actor TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    CHECK (period_to >= period_from)
);
CREATE INDEX bill_runs_started ON bill_runs(started_at);

CREATE TABLE bill_run_failures (
    run_id TEXT NOT NULL REFERENCES bill_runs(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    account_number TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (run_id, account_id)
);

CREATE TABLE bills (
    id TEXT PRIMARY KEY,
    bill_number TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    tariff_id TEXT NOT NULL REFERENCES tariffs(id),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    net_minor INTEGER NOT NULL,
    vat_minor INTEGER NOT NULL,
    total_minor INTEGER NOT NULL,
    consumption_wh INTEGER NOT NULL,
    estimated_wh INTEGER NOT NULL,
    missing_intervals INTEGER NOT NULL,
    expected_intervals INTEGER NOT NULL,
    issued_at INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    language TEXT NOT NULL,
    run_id TEXT REFERENCES bill_runs(id),
    status TEXT NOT NULL CHECK (status IN ('issued','void')),
    CHECK (period_to >= period_from)
);
CREATE UNIQUE INDEX bills_issued_once ON bills(account_id, period_from, period_to) WHERE status = 'issued';
CREATE INDEX bills_account ON bills(account_id, period_to);
CREATE INDEX bills_run ON bills(run_id);

CREATE TABLE bill_lines (
    bill_id TEXT NOT NULL REFERENCES bills(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('standing','energy','demand','package','allowance','levy','vat')),
    label TEXT NOT NULL,
    from_day TEXT NOT NULL,
    to_day TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL,
    estimated_wh INTEGER NOT NULL,
    levy_basis TEXT NOT NULL CHECK (levy_basis IN ('per_kwh','per_day','percent_of_energy')),
    PRIMARY KEY (bill_id, position)
);

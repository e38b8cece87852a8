-- Tariffs: a tariff is known by its code within a market; its prices are effective-dated
-- versions whose body is the version's JSON (docs/tariffs.md: holidays and components, prices
-- as decimal text). Dates are local ISO dates; effective_to is the last day in force, NULL
-- while open. The service keeps the versions of a tariff from sharing a day. (Identifiers are
-- uuid in PostgreSQL, text in SQLite, as everywhere.)
CREATE TABLE tariffs (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    market_code TEXT NOT NULL REFERENCES markets(code),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    classes TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('postpaid','prepaid')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (market_code, code)
);

CREATE TABLE tariff_versions (
    id TEXT PRIMARY KEY,
    tariff_id TEXT NOT NULL REFERENCES tariffs(id) ON DELETE CASCADE,
    effective_from TEXT NOT NULL,
    effective_to TEXT,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (tariff_id, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

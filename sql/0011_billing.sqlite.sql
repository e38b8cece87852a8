-- Billing: which tariff an account is on, VAT by customer class and levies (docs/tariffs.md,
-- "How a bill is calculated"). Dates are local ISO dates; effective_to is the last day in force,
-- NULL while open. The service keeps the spans of one account from sharing a day.
CREATE TABLE account_tariffs (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    tariff_id TEXT NOT NULL REFERENCES tariffs(id),
    effective_from TEXT NOT NULL,
    effective_to TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX account_tariffs_tariff ON account_tariffs(tariff_id);

-- VAT on electricity for one customer class, from a local date on (basis points). For that
-- class it replaces the market's vat_rates from its first date: households in Great Britain
-- pay the reduced 5 %, businesses the standard rate; German electricity kept 19 % when gas
-- went to 7 % (2022-10 to 2024-03); Chinese electricity is at 13 %, not the 9 % of gas and water.
CREATE TABLE vat_class_rates (
    market_code TEXT NOT NULL REFERENCES markets(code),
    customer_class TEXT NOT NULL CHECK (customer_class IN ('residential','commercial','industrial','agricultural')),
    effective_from TEXT NOT NULL,
    rate_bp INTEGER NOT NULL CHECK (rate_bp >= 0 AND rate_bp <= 10000),
    PRIMARY KEY (market_code, customer_class, effective_from)
);

-- Levies of a market and class, effective-dated (both days inclusive). rate: micros per kWh
-- (per_kwh), micros per day (per_day), or millionths of a basis point of the supply charges
-- (percent_of_energy: 5.11269632 % is 511269632).
CREATE TABLE levies (
    market_code TEXT NOT NULL REFERENCES markets(code),
    customer_class TEXT NOT NULL CHECK (customer_class IN ('residential','commercial','industrial','agricultural')),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    basis TEXT NOT NULL CHECK (basis IN ('per_kwh','per_day','percent_of_energy')),
    rate BIGINT NOT NULL CHECK (rate >= 0),
    effective_from TEXT NOT NULL,
    effective_to TEXT,
    PRIMARY KEY (market_code, customer_class, code, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'residential', '1997-09-01', 500);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'commercial', '1991-04-01', 1750);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'commercial', '2008-12-01', 1500);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'commercial', '2010-01-01', 1750);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'commercial', '2011-01-04', 2000);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'industrial', '1991-04-01', 1750);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'industrial', '2008-12-01', 1500);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'industrial', '2010-01-01', 1750);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'industrial', '2011-01-04', 2000);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'agricultural', '1991-04-01', 1750);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'agricultural', '2008-12-01', 1500);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'agricultural', '2010-01-01', 1750);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('GB', 'agricultural', '2011-01-04', 2000);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('DE', 'residential', '2007-01-01', 1900);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('DE', 'commercial', '2007-01-01', 1900);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('DE', 'industrial', '2007-01-01', 1900);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('DE', 'agricultural', '2007-01-01', 1900);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('ES', 'residential', '2012-09-01', 2100);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('ES', 'commercial', '2012-09-01', 2100);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('ES', 'industrial', '2012-09-01', 2100);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('ES', 'agricultural', '2012-09-01', 2100);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('CN', 'residential', '2018-05-01', 1600);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('CN', 'residential', '2019-04-01', 1300);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('CN', 'commercial', '2018-05-01', 1600);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('CN', 'commercial', '2019-04-01', 1300);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('CN', 'industrial', '2018-05-01', 1600);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('CN', 'industrial', '2019-04-01', 1300);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('CN', 'agricultural', '2018-05-01', 1600);
INSERT INTO vat_class_rates (market_code, customer_class, effective_from, rate_bp) VALUES ('CN', 'agricultural', '2019-04-01', 1300);

-- Spain: the electricity tax, a share of the supply charges (cut while prices were high, 2021-2024).
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'residential', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 511269632, '1998-01-01', '2021-09-15');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'residential', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 50000000, '2021-09-16', '2023-12-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'residential', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 250000000, '2024-01-01', '2024-03-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'residential', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 380000000, '2024-04-01', '2024-06-30');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'residential', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 511269632, '2024-07-01', NULL);
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'commercial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 511269632, '1998-01-01', '2021-09-15');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'commercial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 50000000, '2021-09-16', '2023-12-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'commercial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 250000000, '2024-01-01', '2024-03-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'commercial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 380000000, '2024-04-01', '2024-06-30');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'commercial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 511269632, '2024-07-01', NULL);
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'industrial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 511269632, '1998-01-01', '2021-09-15');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'industrial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 50000000, '2021-09-16', '2023-12-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'industrial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 250000000, '2024-01-01', '2024-03-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'industrial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 380000000, '2024-04-01', '2024-06-30');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'industrial', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 511269632, '2024-07-01', NULL);
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'agricultural', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 511269632, '1998-01-01', '2021-09-15');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'agricultural', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 50000000, '2021-09-16', '2023-12-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'agricultural', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 250000000, '2024-01-01', '2024-03-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'agricultural', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 380000000, '2024-04-01', '2024-06-30');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('ES', 'agricultural', 'IEE', 'Impuesto especial sobre la electricidad', 'percent_of_energy', 511269632, '2024-07-01', NULL);

-- Great Britain: the Climate Change Levy on business electricity (households are exempt).
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('GB', 'commercial', 'CCL', 'Climate Change Levy', 'per_kwh', 7750, '2021-04-01', '2025-03-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('GB', 'commercial', 'CCL', 'Climate Change Levy', 'per_kwh', 8010, '2025-04-01', NULL);
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('GB', 'industrial', 'CCL', 'Climate Change Levy', 'per_kwh', 7750, '2021-04-01', '2025-03-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('GB', 'industrial', 'CCL', 'Climate Change Levy', 'per_kwh', 8010, '2025-04-01', NULL);
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('GB', 'agricultural', 'CCL', 'Climate Change Levy', 'per_kwh', 7750, '2021-04-01', '2025-03-31');
INSERT INTO levies (market_code, customer_class, code, name, basis, rate, effective_from, effective_to) VALUES ('GB', 'agricultural', 'CCL', 'Climate Change Levy', 'per_kwh', 8010, '2025-04-01', NULL);

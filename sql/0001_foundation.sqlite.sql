-- Foundation: security, markets, customers, premises, accounts, meters, appliances, contacts.
-- Times are UTC epoch seconds; money is integer minor units; identifiers are UUID text.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('agent','business_user','field_officer','supervisor','admin')),
    password_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_login_at INTEGER
);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL DEFAULT '',
    before_json TEXT NOT NULL DEFAULT '',
    after_json TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE markets (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3)
);

-- VAT in basis points (2000 = 20 %) from a local date on.
CREATE TABLE vat_rates (
    market_code TEXT NOT NULL REFERENCES markets(code),
    effective_from TEXT NOT NULL,
    rate_bp INTEGER NOT NULL CHECK (rate_bp >= 0 AND rate_bp <= 10000),
    PRIMARY KEY (market_code, effective_from)
);

CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    customer_number TEXT NOT NULL UNIQUE,
    class TEXT NOT NULL CHECK (class IN ('residential','commercial','industrial','agricultural')),
    full_name TEXT NOT NULL,
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    income_band TEXT NOT NULL DEFAULT '',
    credit_band TEXT NOT NULL DEFAULT '',
    business_type TEXT NOT NULL DEFAULT '',
    household_size INTEGER,
    date_of_birth TEXT,
    national_id_enc BLOB,
    national_id_idx TEXT,
    bank_account_enc BLOB,
    bank_account_idx TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX customers_full_name ON customers(full_name);
CREATE INDEX customers_phone ON customers(phone);
CREATE INDEX customers_national_id_idx ON customers(national_id_idx);
CREATE INDEX customers_bank_account_idx ON customers(bank_account_idx);

CREATE TABLE customer_vulnerabilities (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('life_support','elderly_alone','medical_equipment','disability',
                                       'young_children','financial_hardship','language_support')),
    consent_given INTEGER NOT NULL DEFAULT 0,
    consent_at INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    recorded_at INTEGER NOT NULL,
    UNIQUE (customer_id, kind)
);

CREATE TABLE premises (
    id TEXT PRIMARY KEY,
    address_line1 TEXT NOT NULL,
    address_line2 TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    substation TEXT NOT NULL DEFAULT '',
    feeder TEXT NOT NULL DEFAULT '',
    transformer TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL
);
CREATE INDEX premises_postcode ON premises(postcode);
CREATE INDEX premises_feeder ON premises(feeder);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    account_number TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    premise_id TEXT REFERENCES premises(id),
    market_code TEXT NOT NULL REFERENCES markets(code),
    payment_type TEXT NOT NULL CHECK (payment_type IN ('postpaid','prepaid')),
    status TEXT NOT NULL CHECK (status IN ('pending','active','suspended','closed')),
    opened_on TEXT NOT NULL,
    closed_on TEXT
);
CREATE INDEX accounts_customer ON accounts(customer_id);
CREATE INDEX accounts_premise ON accounts(premise_id);

CREATE TABLE service_points (
    id TEXT PRIMARY KEY,
    premise_id TEXT NOT NULL REFERENCES premises(id),
    account_id TEXT REFERENCES accounts(id),
    commodity TEXT NOT NULL CHECK (commodity IN ('electricity','gas','water')),
    identifier TEXT NOT NULL UNIQUE
);
CREATE INDEX service_points_premise ON service_points(premise_id);
CREATE INDEX service_points_account ON service_points(account_id);

CREATE TABLE meters (
    id TEXT PRIMARY KEY,
    service_point_id TEXT NOT NULL REFERENCES service_points(id),
    serial TEXT NOT NULL UNIQUE,
    commodity TEXT NOT NULL CHECK (commodity IN ('electricity','gas','water')),
    interval_minutes INTEGER NOT NULL CHECK (interval_minutes IN (5,15,30,60)),
    installed_on TEXT NOT NULL,
    removed_on TEXT
);
CREATE INDEX meters_service_point ON meters(service_point_id);

-- Unit: Wh for electricity and gas energy, L for water and gas volume.
CREATE TABLE meter_channels (
    id TEXT PRIMARY KEY,
    meter_id TEXT NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('import','export','reactive')),
    unit TEXT NOT NULL CHECK (unit IN ('Wh','L','varh')),
    UNIQUE (meter_id, channel)
);

CREATE TABLE appliances (
    id TEXT PRIMARY KEY,
    premise_id TEXT NOT NULL REFERENCES premises(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('solar_pv','battery','ev_charger','heat_pump','agricultural_pump',
                                       'gas_boiler','electric_heating','air_conditioning','pool_pump',
                                       'water_heater')),
    capacity_w INTEGER,
    installed_on TEXT
);
CREATE INDEX appliances_premise ON appliances(premise_id);

CREATE TABLE interactions (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    account_id TEXT REFERENCES accounts(id),
    at INTEGER NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('phone','email','chat','visit','letter','sms')),
    direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound')),
    reason TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    agent TEXT NOT NULL
);
CREATE INDEX interactions_customer ON interactions(customer_id, at);

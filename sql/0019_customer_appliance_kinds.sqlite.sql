-- The kinds of appliance at the premises of each customer's accounts, kept on the customer as
-- ",heat_pump,solar_pv," ('' for none), so that the rule condition has appliance "solar_pv" is a
-- substring test on the customer's own row (in the segment profile index) instead of an IN probe
-- of every customer's id (a count over 1,000,000 customers took 200-500 ms). Triggers keep it
-- current for every writer: an appliance added, removed or changed recomputes the customers with
-- an account at its premises; an account added, removed or moved recomputes its customers.
ALTER TABLE customers ADD COLUMN appliance_kinds TEXT NOT NULL DEFAULT '';

UPDATE customers SET appliance_kinds = COALESCE((SELECT ',' || group_concat(k, ',') || ',' FROM (SELECT DISTINCT ap.kind AS k FROM accounts aa JOIN appliances ap ON ap.premise_id = aa.premise_id WHERE aa.customer_id = customers.id ORDER BY ap.kind)), '') WHERE id IN (SELECT aa.customer_id FROM accounts aa JOIN appliances ap ON ap.premise_id = aa.premise_id);

CREATE TRIGGER appliances_kinds_ai AFTER INSERT ON appliances BEGIN
    UPDATE customers SET appliance_kinds = COALESCE((SELECT ',' || group_concat(k, ',') || ',' FROM (SELECT DISTINCT ap.kind AS k FROM accounts aa JOIN appliances ap ON ap.premise_id = aa.premise_id WHERE aa.customer_id = customers.id ORDER BY ap.kind)), '') WHERE id IN (SELECT customer_id FROM accounts WHERE premise_id = new.premise_id); END;
CREATE TRIGGER appliances_kinds_ad AFTER DELETE ON appliances BEGIN
    UPDATE customers SET appliance_kinds = COALESCE((SELECT ',' || group_concat(k, ',') || ',' FROM (SELECT DISTINCT ap.kind AS k FROM accounts aa JOIN appliances ap ON ap.premise_id = aa.premise_id WHERE aa.customer_id = customers.id ORDER BY ap.kind)), '') WHERE id IN (SELECT customer_id FROM accounts WHERE premise_id = old.premise_id); END;
CREATE TRIGGER appliances_kinds_au AFTER UPDATE OF kind, premise_id ON appliances BEGIN
    UPDATE customers SET appliance_kinds = COALESCE((SELECT ',' || group_concat(k, ',') || ',' FROM (SELECT DISTINCT ap.kind AS k FROM accounts aa JOIN appliances ap ON ap.premise_id = aa.premise_id WHERE aa.customer_id = customers.id ORDER BY ap.kind)), '') WHERE id IN (SELECT customer_id FROM accounts WHERE premise_id IN (old.premise_id, new.premise_id)); END;
CREATE TRIGGER accounts_kinds_ai AFTER INSERT ON accounts BEGIN
    UPDATE customers SET appliance_kinds = COALESCE((SELECT ',' || group_concat(k, ',') || ',' FROM (SELECT DISTINCT ap.kind AS k FROM accounts aa JOIN appliances ap ON ap.premise_id = aa.premise_id WHERE aa.customer_id = customers.id ORDER BY ap.kind)), '') WHERE id = new.customer_id; END;
CREATE TRIGGER accounts_kinds_ad AFTER DELETE ON accounts BEGIN
    UPDATE customers SET appliance_kinds = COALESCE((SELECT ',' || group_concat(k, ',') || ',' FROM (SELECT DISTINCT ap.kind AS k FROM accounts aa JOIN appliances ap ON ap.premise_id = aa.premise_id WHERE aa.customer_id = customers.id ORDER BY ap.kind)), '') WHERE id = old.customer_id; END;
CREATE TRIGGER accounts_kinds_au AFTER UPDATE OF customer_id, premise_id ON accounts BEGIN
    UPDATE customers SET appliance_kinds = COALESCE((SELECT ',' || group_concat(k, ',') || ',' FROM (SELECT DISTINCT ap.kind AS k FROM accounts aa JOIN appliances ap ON ap.premise_id = aa.premise_id WHERE aa.customer_id = customers.id ORDER BY ap.kind)), '') WHERE id IN (old.customer_id, new.customer_id); END;

-- The segment profile index (0018) with the new column, so that counts stay on the index.
DROP INDEX customers_segment_profile;
CREATE INDEX customers_segment_profile ON customers(class, household_size, income_band, credit_band, date_of_birth, language, business_type, first_premise_region, first_premise_postcode, appliance_kinds, id);

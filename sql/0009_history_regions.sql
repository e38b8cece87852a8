-- A customer's change history reads the audit entries about the customer and its accounts
-- and premises, newest first: one index range per record instead of a scan of the log.
CREATE INDEX audit_log_entity ON audit_log(entity_id, seq);

-- Field officers work in one region: they see the customers with an account at a premise
-- there. '' means no region (a field officer without one sees no customers).
ALTER TABLE users ADD COLUMN region TEXT NOT NULL DEFAULT '';
CREATE INDEX premises_region ON premises(region);

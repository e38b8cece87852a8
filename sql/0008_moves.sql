-- Moving home: the date of an account's final meter reading, taken when the customer moved
-- out (a local date, ISO text like opened_on and closed_on; NULL while the account is open).
ALTER TABLE accounts ADD COLUMN final_reading_on TEXT;

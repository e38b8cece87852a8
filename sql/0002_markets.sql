-- The markets UtilityDesk ships with, and their standard VAT on household energy.
INSERT INTO markets (code, name, country, currency) VALUES ('GB', 'Great Britain', 'GB', 'GBP');
INSERT INTO markets (code, name, country, currency) VALUES ('DE', 'Germany', 'DE', 'EUR');
INSERT INTO markets (code, name, country, currency) VALUES ('CN', 'China (mainland)', 'CN', 'CNY');
INSERT INTO markets (code, name, country, currency) VALUES ('ES', 'Spain', 'ES', 'EUR');
INSERT INTO vat_rates (market_code, effective_from, rate_bp) VALUES ('GB', '1994-04-01', 500);
INSERT INTO vat_rates (market_code, effective_from, rate_bp) VALUES ('DE', '2007-01-01', 1900);
INSERT INTO vat_rates (market_code, effective_from, rate_bp) VALUES ('DE', '2022-10-01', 700);
INSERT INTO vat_rates (market_code, effective_from, rate_bp) VALUES ('DE', '2024-04-01', 1900);
INSERT INTO vat_rates (market_code, effective_from, rate_bp) VALUES ('CN', '2019-04-01', 900);
INSERT INTO vat_rates (market_code, effective_from, rate_bp) VALUES ('ES', '2012-09-01', 2100);

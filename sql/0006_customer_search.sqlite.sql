-- Customer search (SQLite): full-text indexes kept by triggers, so that rows written
-- by any path (services, the demo's bulk writer, an import) are searchable at once.
-- customer_search holds one folded document per customer (name with accents removed, padded
-- with spaces so that a two-character Chinese name is a trigram with its boundary; email);
-- premise_search one per premise (address, city, postcode with and without its space), by words.
-- Each has an INTEGER PRIMARY KEY so the external-content FTS5 rowids survive VACUUM.
-- The accent folding is the same table as Ud::Accounts::SearchText::fold().
-- Account numbers, meter serials and phones are matched on their own B-tree indexes.

-- Accent folding without a user function (which the sqlite3 shell and other tools would lack):
-- each character is looked up in this table, in order of its position. Latin letters
-- U+00C0..U+024F that decompose into an ASCII letter and marks (Unicode NFD).
CREATE TABLE search_fold_map (
    accented TEXT PRIMARY KEY,
    plain TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO search_fold_map (accented, plain) VALUES
('À', 'A'),
('Á', 'A'),
('Â', 'A'),
('Ã', 'A'),
('Ä', 'A'),
('Å', 'A'),
('Ç', 'C'),
('È', 'E'),
('É', 'E'),
('Ê', 'E'),
('Ë', 'E'),
('Ì', 'I'),
('Í', 'I'),
('Î', 'I'),
('Ï', 'I'),
('Ñ', 'N'),
('Ò', 'O'),
('Ó', 'O'),
('Ô', 'O'),
('Õ', 'O'),
('Ö', 'O'),
('Ù', 'U'),
('Ú', 'U'),
('Û', 'U'),
('Ü', 'U'),
('Ý', 'Y'),
('à', 'a'),
('á', 'a'),
('â', 'a'),
('ã', 'a'),
('ä', 'a'),
('å', 'a'),
('ç', 'c'),
('è', 'e'),
('é', 'e'),
('ê', 'e'),
('ë', 'e'),
('ì', 'i'),
('í', 'i'),
('î', 'i'),
('ï', 'i'),
('ñ', 'n'),
('ò', 'o'),
('ó', 'o'),
('ô', 'o'),
('õ', 'o'),
('ö', 'o'),
('ù', 'u'),
('ú', 'u'),
('û', 'u'),
('ü', 'u'),
('ý', 'y'),
('ÿ', 'y'),
('Ā', 'A'),
('ā', 'a'),
('Ă', 'A'),
('ă', 'a'),
('Ą', 'A'),
('ą', 'a'),
('Ć', 'C'),
('ć', 'c'),
('Ĉ', 'C'),
('ĉ', 'c'),
('Ċ', 'C'),
('ċ', 'c'),
('Č', 'C'),
('č', 'c'),
('Ď', 'D'),
('ď', 'd'),
('Ē', 'E'),
('ē', 'e'),
('Ĕ', 'E'),
('ĕ', 'e'),
('Ė', 'E'),
('ė', 'e'),
('Ę', 'E'),
('ę', 'e'),
('Ě', 'E'),
('ě', 'e'),
('Ĝ', 'G'),
('ĝ', 'g'),
('Ğ', 'G'),
('ğ', 'g'),
('Ġ', 'G'),
('ġ', 'g'),
('Ģ', 'G'),
('ģ', 'g'),
('Ĥ', 'H'),
('ĥ', 'h'),
('Ĩ', 'I'),
('ĩ', 'i'),
('Ī', 'I'),
('ī', 'i'),
('Ĭ', 'I'),
('ĭ', 'i'),
('Į', 'I'),
('į', 'i'),
('İ', 'I'),
('Ĵ', 'J'),
('ĵ', 'j'),
('Ķ', 'K'),
('ķ', 'k'),
('Ĺ', 'L'),
('ĺ', 'l'),
('Ļ', 'L'),
('ļ', 'l'),
('Ľ', 'L'),
('ľ', 'l'),
('Ń', 'N'),
('ń', 'n'),
('Ņ', 'N'),
('ņ', 'n'),
('Ň', 'N'),
('ň', 'n'),
('Ō', 'O'),
('ō', 'o'),
('Ŏ', 'O'),
('ŏ', 'o'),
('Ő', 'O'),
('ő', 'o'),
('Ŕ', 'R'),
('ŕ', 'r'),
('Ŗ', 'R'),
('ŗ', 'r'),
('Ř', 'R'),
('ř', 'r'),
('Ś', 'S'),
('ś', 's'),
('Ŝ', 'S'),
('ŝ', 's'),
('Ş', 'S'),
('ş', 's'),
('Š', 'S'),
('š', 's'),
('Ţ', 'T'),
('ţ', 't'),
('Ť', 'T'),
('ť', 't'),
('Ũ', 'U'),
('ũ', 'u'),
('Ū', 'U'),
('ū', 'u'),
('Ŭ', 'U'),
('ŭ', 'u'),
('Ů', 'U'),
('ů', 'u'),
('Ű', 'U'),
('ű', 'u'),
('Ų', 'U'),
('ų', 'u'),
('Ŵ', 'W'),
('ŵ', 'w'),
('Ŷ', 'Y'),
('ŷ', 'y'),
('Ÿ', 'Y'),
('Ź', 'Z'),
('ź', 'z'),
('Ż', 'Z'),
('ż', 'z'),
('Ž', 'Z'),
('ž', 'z'),
('Ơ', 'O'),
('ơ', 'o'),
('Ư', 'U'),
('ư', 'u'),
('Ǎ', 'A'),
('ǎ', 'a'),
('Ǐ', 'I'),
('ǐ', 'i'),
('Ǒ', 'O'),
('ǒ', 'o'),
('Ǔ', 'U'),
('ǔ', 'u'),
('Ǖ', 'U'),
('ǖ', 'u'),
('Ǘ', 'U'),
('ǘ', 'u'),
('Ǚ', 'U'),
('ǚ', 'u'),
('Ǜ', 'U'),
('ǜ', 'u'),
('Ǟ', 'A'),
('ǟ', 'a'),
('Ǡ', 'A'),
('ǡ', 'a'),
('Ǧ', 'G'),
('ǧ', 'g'),
('Ǩ', 'K'),
('ǩ', 'k'),
('Ǫ', 'O'),
('ǫ', 'o'),
('Ǭ', 'O'),
('ǭ', 'o'),
('ǰ', 'j'),
('Ǵ', 'G'),
('ǵ', 'g'),
('Ǹ', 'N'),
('ǹ', 'n'),
('Ǻ', 'A'),
('ǻ', 'a'),
('Ȁ', 'A'),
('ȁ', 'a'),
('Ȃ', 'A'),
('ȃ', 'a'),
('Ȅ', 'E'),
('ȅ', 'e'),
('Ȇ', 'E'),
('ȇ', 'e'),
('Ȉ', 'I'),
('ȉ', 'i'),
('Ȋ', 'I'),
('ȋ', 'i'),
('Ȍ', 'O'),
('ȍ', 'o'),
('Ȏ', 'O'),
('ȏ', 'o'),
('Ȑ', 'R'),
('ȑ', 'r'),
('Ȓ', 'R'),
('ȓ', 'r'),
('Ȕ', 'U'),
('ȕ', 'u'),
('Ȗ', 'U'),
('ȗ', 'u'),
('Ș', 'S'),
('ș', 's'),
('Ț', 'T'),
('ț', 't'),
('Ȟ', 'H'),
('ȟ', 'h'),
('Ȧ', 'A'),
('ȧ', 'a'),
('Ȩ', 'E'),
('ȩ', 'e'),
('Ȫ', 'O'),
('ȫ', 'o'),
('Ȭ', 'O'),
('ȭ', 'o'),
('Ȯ', 'O'),
('ȯ', 'o'),
('Ȱ', 'O'),
('ȱ', 'o'),
('Ȳ', 'Y'),
('ȳ', 'y');
CREATE TABLE search_positions (i INTEGER PRIMARY KEY);
INSERT INTO search_positions (i) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i FROM n;

CREATE TABLE customer_search (
    doc_id INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    contact TEXT NOT NULL
);
CREATE VIRTUAL TABLE customer_search_fts USING fts5(name, contact, content='customer_search', content_rowid='doc_id', tokenize='trigram');
CREATE TRIGGER customer_search_fts_ai AFTER INSERT ON customer_search BEGIN
    INSERT INTO customer_search_fts (rowid, name, contact) VALUES (new.doc_id, new.name, new.contact); END;
CREATE TRIGGER customer_search_fts_ad AFTER DELETE ON customer_search BEGIN
    INSERT INTO customer_search_fts (customer_search_fts, rowid, name, contact) VALUES ('delete', old.doc_id, old.name, old.contact); END;
CREATE TRIGGER customer_search_fts_au AFTER UPDATE ON customer_search BEGIN
    INSERT INTO customer_search_fts (customer_search_fts, rowid, name, contact) VALUES ('delete', old.doc_id, old.name, old.contact); INSERT INTO customer_search_fts (rowid, name, contact) VALUES (new.doc_id, new.name, new.contact); END;

CREATE TRIGGER customers_search_ai AFTER INSERT ON customers BEGIN
    INSERT INTO customer_search (customer_id, name, contact) VALUES (new.id, ' ' || CASE WHEN new.full_name GLOB '*[À-ȳ]*' THEN (SELECT group_concat(coalesce(m.plain, substr(new.full_name, n.i, 1)), '') FROM search_positions n LEFT JOIN search_fold_map m ON m.accented = substr(new.full_name, n.i, 1) WHERE n.i <= length(new.full_name)) ELSE new.full_name END || ' ', new.email); END;
CREATE TRIGGER customers_search_au AFTER UPDATE OF full_name, email ON customers BEGIN
    UPDATE customer_search SET name = ' ' || CASE WHEN new.full_name GLOB '*[À-ȳ]*' THEN (SELECT group_concat(coalesce(m.plain, substr(new.full_name, n.i, 1)), '') FROM search_positions n LEFT JOIN search_fold_map m ON m.accented = substr(new.full_name, n.i, 1) WHERE n.i <= length(new.full_name)) ELSE new.full_name END || ' ', contact = new.email WHERE customer_id = new.id; END;
CREATE TRIGGER customers_search_ad AFTER DELETE ON customers BEGIN
    DELETE FROM customer_search WHERE customer_id = old.id; END;
INSERT INTO customer_search (customer_id, name, contact) SELECT c.id, ' ' || CASE WHEN c.full_name GLOB '*[À-ȳ]*' THEN (SELECT group_concat(coalesce(m.plain, substr(c.full_name, n.i, 1)), '') FROM search_positions n LEFT JOIN search_fold_map m ON m.accented = substr(c.full_name, n.i, 1) WHERE n.i <= length(c.full_name)) ELSE c.full_name END || ' ', c.email FROM customers c;

CREATE TABLE premise_search (
    doc_id INTEGER PRIMARY KEY,
    premise_id TEXT NOT NULL UNIQUE,
    place TEXT NOT NULL
);
-- Addresses are found by words and their starts; unicode61 removes the accents itself, which
-- costs far less than folding in SQL (addresses are long).
CREATE VIRTUAL TABLE premise_search_fts USING fts5(place, content='premise_search', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER premise_search_fts_ai AFTER INSERT ON premise_search BEGIN
    INSERT INTO premise_search_fts (rowid, place) VALUES (new.doc_id, new.place); END;
CREATE TRIGGER premise_search_fts_ad AFTER DELETE ON premise_search BEGIN
    INSERT INTO premise_search_fts (premise_search_fts, rowid, place) VALUES ('delete', old.doc_id, old.place); END;
CREATE TRIGGER premise_search_fts_au AFTER UPDATE ON premise_search BEGIN
    INSERT INTO premise_search_fts (premise_search_fts, rowid, place) VALUES ('delete', old.doc_id, old.place); INSERT INTO premise_search_fts (rowid, place) VALUES (new.doc_id, new.place); END;

CREATE TRIGGER premises_search_ai AFTER INSERT ON premises BEGIN
    INSERT INTO premise_search (premise_id, place) VALUES (new.id, new.address_line1 || ' ' || new.address_line2 || ' ' || new.city || ' ' || new.postcode || ' ' || replace(new.postcode, ' ', '')); END;
CREATE TRIGGER premises_search_au AFTER UPDATE OF address_line1, address_line2, city, postcode ON premises BEGIN
    UPDATE premise_search SET place = new.address_line1 || ' ' || new.address_line2 || ' ' || new.city || ' ' || new.postcode || ' ' || replace(new.postcode, ' ', '') WHERE premise_id = new.id; END;
CREATE TRIGGER premises_search_ad AFTER DELETE ON premises BEGIN
    DELETE FROM premise_search WHERE premise_id = old.id; END;
INSERT INTO premise_search (premise_id, place) SELECT p.id, p.address_line1 || ' ' || p.address_line2 || ' ' || p.city || ' ' || p.postcode || ' ' || replace(p.postcode, ' ', '') FROM premises p;

-- Postcodes typed with or without their space, in any letter case.
CREATE INDEX premises_postcode_key ON premises (upper(replace(postcode, ' ', '')));

-- Customer search (PostgreSQL): pg_trgm (a trusted extension since PostgreSQL 13) over
-- generated, folded columns, so that rows written by any path (services, the demo's COPY, an
-- import) are searchable at once. The accent folding is the same table as
-- Ud::Accounts::SearchText::fold(); unaccent is not used so both databases fold alike.
-- pg_trgm takes no trigrams from CJK characters under the C locale, so names also carry their
-- character bigrams in an array with a GIN index (a two-character Chinese name is one bigram).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION ud_search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lower(translate(t, 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ', 'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy')) $$;
CREATE FUNCTION ud_search_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN t ~ '[⺀-鿿가-힯]' THEN ARRAY(SELECT DISTINCT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i WHERE substr(t, i, 2) !~ ' ') ELSE '{}'::text[] END $$;

-- The folded name and the email in one padded text, so that every word of a search is one
-- condition on one index and ' lo' finds a word that starts with "lo".
ALTER TABLE customers ADD COLUMN search_document text GENERATED ALWAYS AS (' ' || ud_search_fold(full_name) || ' ' || lower(email) || ' ') STORED;
ALTER TABLE customers ADD COLUMN search_bigrams text[] GENERATED ALWAYS AS (ud_search_bigrams(full_name)) STORED;
CREATE INDEX customers_search_document ON customers USING gin (search_document gin_trgm_ops);
CREATE INDEX customers_search_bigrams ON customers USING gin (search_bigrams);

ALTER TABLE premises ADD COLUMN search_place text GENERATED ALWAYS AS (ud_search_fold(address_line1 || ' ' || address_line2 || ' ' || city) || ' ' || lower(postcode) || ' ' || lower(replace(postcode, ' ', ''))) STORED;
CREATE INDEX premises_search_place ON premises USING gin (search_place gin_trgm_ops);
-- Postcodes typed with or without their space, in any letter case.
CREATE INDEX premises_postcode_key ON premises (upper(replace(postcode, ' ', '')));

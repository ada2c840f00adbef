-- Temporary copies of the keyed inputs of the derivation, holding only what the values in scope
-- are derived from (with store/queries/refresh_restrict_observations.sql). Temporary tables come
-- first on the search path, so while they exist the derivation views read them: the same views
-- compute the values in scope from far fewer rows. (Were they not read, the views would compute
-- the same values from every row: only slower.)
CREATE TEMP TABLE batch_issues AS
SELECT i.* FROM main.batch_issues AS i SEMI JOIN refresh_inputs AS k USING (unit_code, indicator_code, year);
CREATE TEMP TABLE value_acceptances AS
SELECT a.* FROM main.value_acceptances AS a SEMI JOIN refresh_inputs AS k USING (unit_code, indicator_code, year);

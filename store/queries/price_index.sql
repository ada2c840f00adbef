-- The annual average consumer price index, 2013 = 100 (data/reference/deflator.csv).
SELECT year, cpi_change, index_2013, verification, source
FROM price_index
ORDER BY year;

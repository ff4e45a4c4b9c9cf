-- Aggregates: COUNT/SUM/AVG/MIN/MAX, GROUP BY, HAVING, DISTINCT aggregates, aggregates over
-- empty input and over NULLs.
-- AVG is only asserted on DOUBLE columns or through comparisons: the type of AVG over integers
-- and decimals differs between engines (Calcite keeps the argument type).

-- ok
CREATE TABLE sales (id INT PRIMARY KEY, region VARCHAR(5), product VARCHAR(5), qty INT, price DECIMAL(6,2), score DOUBLE);

-- rows 8
INSERT INTO sales VALUES
  (1, 'north', 'apple', 10, 1.50, 4.0),
  (2, 'north', 'pear', 5, 2.00, 3.5),
  (3, 'south', 'apple', 7, 1.50, NULL),
  (4, 'south', 'apple', 3, 1.75, 2.0),
  (5, 'east', 'plum', NULL, 3.00, 5.0),
  (6, 'east', 'pear', 8, NULL, 1.5),
  (7, NULL, 'apple', 2, 1.50, 3.0),
  (8, 'north', 'plum', 1, 3.00, 2.0);

-- ok
CREATE TABLE empty_t (x INT, d DECIMAL(5,2));

-- Aggregates ignore NULLs; COUNT(*) counts rows.
-- query
SELECT COUNT(*), COUNT(qty), COUNT(price), COUNT(region), COUNT(score) FROM sales;
-- expect
8|7|7|7|7

-- query
SELECT SUM(qty), MIN(qty), MAX(qty) FROM sales;
-- expect
36|1|10

-- query
SELECT SUM(price), MIN(price), MAX(price) FROM sales;
-- expect
14.25|1.50|3.00

-- query
SELECT AVG(score), SUM(score), MIN(score), MAX(score) FROM sales;
-- expect
3.0|21.0|1.5|5.0

-- query
SELECT AVG(price) >= 2.03, AVG(price) < 2.05, AVG(qty) >= 5, AVG(qty) < 6 FROM sales;
-- expect
TRUE|TRUE|TRUE|TRUE

-- query
SELECT AVG(CAST(qty AS DOUBLE)) FROM sales WHERE region = 'south';
-- expect
5.0

-- query
SELECT SUM(qty * price) FROM sales;
-- expect
46.75

-- query
SELECT MIN(product), MAX(product), MIN(region), MAX(region) FROM sales;
-- expect
apple|plum|east|south

-- GROUP BY.
-- query
SELECT region, COUNT(*), SUM(qty) FROM sales GROUP BY region;
-- expect sorted
NULL|1|2
east|2|8
north|3|16
south|2|10

-- query
SELECT region, product, COUNT(*) FROM sales GROUP BY region, product;
-- expect sorted
north|apple|1
north|pear|1
north|plum|1
south|apple|2
east|plum|1
east|pear|1
NULL|apple|1

-- query
SELECT product, SUM(price), MAX(score) FROM sales GROUP BY product;
-- expect sorted
apple|6.25|4.0
pear|2.00|3.5
plum|6.00|5.0

-- query
SELECT qty / 5, COUNT(*) FROM sales WHERE qty IS NOT NULL GROUP BY qty / 5;
-- expect sorted
0|3
1|3
2|1

-- query
SELECT product FROM sales GROUP BY product ORDER BY SUM(qty) DESC;
-- expect
apple
pear
plum

-- query
SELECT region, COUNT(*) FROM sales GROUP BY region ORDER BY region NULLS LAST;
-- expect
east|2
north|3
south|2
NULL|1

-- NULLs sort low: the NULL group comes first in ascending order (PostgreSQL puts it last).
-- skipif postgresql
-- query
SELECT region, COUNT(*) FROM sales GROUP BY region ORDER BY region;
-- expect
NULL|1
east|2
north|3
south|2

-- HAVING.
-- query
SELECT product, SUM(qty) FROM sales GROUP BY product HAVING SUM(qty) > 8;
-- expect sorted
apple|22
pear|13

-- query
SELECT region, MAX(score) FROM sales GROUP BY region HAVING COUNT(*) >= 2 ORDER BY region;
-- expect
east|5.0
north|4.0
south|2.0

-- query
SELECT region FROM sales GROUP BY region HAVING MIN(qty) >= 3;
-- expect sorted
east
south

-- query
SELECT COUNT(*) FROM sales HAVING COUNT(*) > 1;
-- expect
8

-- query
SELECT COUNT(*) FROM sales HAVING COUNT(*) > 100;
-- expect

-- DISTINCT aggregates.
-- query
SELECT COUNT(DISTINCT product), COUNT(DISTINCT region), COUNT(DISTINCT price), COUNT(DISTINCT qty) FROM sales;
-- expect
3|3|4|7

-- query
SELECT region, COUNT(DISTINCT product) FROM sales GROUP BY region;
-- expect sorted
north|3
south|1
east|2
NULL|1

-- query
SELECT SUM(DISTINCT price), SUM(price) FROM sales;
-- expect
8.25|14.25

-- query
SELECT DISTINCT COUNT(*) FROM sales GROUP BY region;
-- expect sorted
1
2
3

-- Empty input: one row from a global aggregate, none from a grouped one.
-- query
SELECT COUNT(*), COUNT(qty), SUM(qty), MIN(qty), MAX(price), AVG(score) FROM sales WHERE id > 100;
-- expect
0|0|NULL|NULL|NULL|NULL

-- query
SELECT region, COUNT(*) FROM sales WHERE id > 100 GROUP BY region;
-- expect

-- query
SELECT COUNT(*), COUNT(x), SUM(x), MAX(x), MIN(d), SUM(d) FROM empty_t;
-- expect
0|0|NULL|NULL|NULL|NULL

-- query
SELECT COUNT(DISTINCT x) FROM empty_t;
-- expect
0

-- Only NULL inputs.
-- query
SELECT SUM(qty), AVG(qty), COUNT(qty), MIN(qty), COUNT(*) FROM sales WHERE qty IS NULL;
-- expect
NULL|NULL|0|NULL|1

-- rows 2
INSERT INTO empty_t VALUES (NULL, NULL), (NULL, 1.5);

-- query
SELECT COUNT(*), COUNT(x), SUM(x), MAX(d), SUM(d) FROM empty_t;
-- expect
2|0|NULL|1.50|1.50

-- Aggregates follow changes.
-- rows 1
UPDATE sales SET qty = 100 WHERE id = 5;

-- rows 1
DELETE FROM sales WHERE id = 1;

-- query
SELECT region, SUM(qty), COUNT(*) FROM sales GROUP BY region;
-- expect sorted
NULL|2|1
east|108|2
north|6|2
south|10|2

-- Errors.
-- error 42
SELECT region, qty FROM sales GROUP BY region;

-- error 42
SELECT id FROM sales WHERE SUM(qty) > 1;

-- NULL: three-valued logic, comparisons, IS [NOT] NULL, IS [NOT] DISTINCT FROM, NULL in
-- expressions, NULLs in UNIQUE columns, NULL ordering, grouping, DISTINCT and aggregates.
-- NoKV sorts NULLs low: first in ascending order, last in descending order. PostgreSQL sorts
-- them high, so the steps that rely on the default carry "skipif postgresql"; each has a twin
-- with explicit NULLS FIRST/LAST that PostgreSQL also runs.

-- ok
CREATE TABLE n (id INT PRIMARY KEY, a INT, b INT, s VARCHAR(5), flag BOOLEAN);

-- rows 5
INSERT INTO n VALUES (1, 1, 1, 'x', TRUE), (2, 1, NULL, 'y', FALSE), (3, NULL, NULL, NULL, NULL), (4, 2, 3, NULL, TRUE), (5, NULL, 5, 'z', FALSE);

-- Three-valued logic.
-- query
SELECT (TRUE AND CAST(NULL AS BOOLEAN)) IS NULL, FALSE AND CAST(NULL AS BOOLEAN), TRUE OR CAST(NULL AS BOOLEAN), (FALSE OR CAST(NULL AS BOOLEAN)) IS NULL, (NOT CAST(NULL AS BOOLEAN)) IS NULL;
-- expect
TRUE|FALSE|TRUE|TRUE|TRUE

-- query
SELECT id, flag AND a = 1, flag OR a = 1, NOT flag FROM n ORDER BY id;
-- expect
1|TRUE|TRUE|FALSE
2|FALSE|TRUE|TRUE
3|NULL|NULL|NULL
4|FALSE|TRUE|FALSE
5|FALSE|NULL|TRUE

-- query
SELECT id, a = b, a <> b, a < b FROM n ORDER BY id;
-- expect
1|TRUE|FALSE|FALSE
2|NULL|NULL|NULL
3|NULL|NULL|NULL
4|FALSE|TRUE|TRUE
5|NULL|NULL|NULL

-- Comparisons with NULL are never true.
-- query
SELECT id FROM n WHERE a = NULL;
-- expect

-- query
SELECT id FROM n WHERE a <> 1;
-- expect
4

-- query
SELECT id FROM n WHERE NOT (a = 1);
-- expect
4

-- query
SELECT id FROM n WHERE a = 1 OR b = 5;
-- expect sorted
1
2
5

-- query
SELECT id FROM n WHERE a = b;
-- expect
1

-- IS [NOT] NULL, IS [NOT] DISTINCT FROM, IS [NOT] TRUE, IS UNKNOWN.
-- query
SELECT id FROM n WHERE a IS NULL;
-- expect sorted
3
5

-- query
SELECT id FROM n WHERE a IS NOT NULL AND s IS NOT NULL;
-- expect sorted
1
2

-- query
SELECT id FROM n WHERE a IS DISTINCT FROM b;
-- expect sorted
2
4
5

-- query
SELECT id FROM n WHERE a IS NOT DISTINCT FROM b;
-- expect sorted
1
3

-- query
SELECT id FROM n WHERE flag IS NOT TRUE;
-- expect sorted
2
3
5

-- query
SELECT id FROM n WHERE flag IS UNKNOWN;
-- expect
3

-- query
SELECT id FROM n WHERE flag IS FALSE;
-- expect sorted
2
5

-- IN with NULLs.
-- query
SELECT id FROM n WHERE a IN (1, NULL);
-- expect sorted
1
2

-- query
SELECT id FROM n WHERE a NOT IN (1, NULL);
-- expect

-- query
SELECT id FROM n WHERE a NOT IN (1);
-- expect
4

-- NULL in expressions.
-- query
SELECT id, a + b, a * 0, b - a, CAST(NULL AS INT) + 1 FROM n ORDER BY id;
-- expect
1|2|0|0|NULL
2|NULL|0|NULL|NULL
3|NULL|NULL|NULL|NULL
4|5|0|1|NULL
5|NULL|NULL|NULL|NULL

-- query
SELECT id, s || '!', COALESCE(a, b, 0), NULLIF(a, 1), CASE WHEN a = 1 THEN 'one' ELSE 'not' END FROM n ORDER BY id;
-- expect
1|x!|1|NULL|one
2|y!|1|NULL|one
3|NULL|0|NULL|not
4|NULL|2|2|not
5|z!|5|NULL|not

-- query
SELECT CAST(NULL AS INT) IS NULL, CAST(NULL AS VARCHAR(3)) IS NOT NULL, COALESCE(CAST(NULL AS VARCHAR(3)), 'd');
-- expect
TRUE|FALSE|d

-- NULL ordering: explicit.
-- query
SELECT id FROM n ORDER BY a NULLS LAST, id;
-- expect
1
2
4
3
5

-- query
SELECT id FROM n ORDER BY a DESC NULLS FIRST, id;
-- expect
3
5
4
1
2

-- query
SELECT id FROM n ORDER BY b DESC NULLS LAST, id LIMIT 2;
-- expect
5
4

-- query
SELECT id FROM n ORDER BY a NULLS FIRST, id;
-- expect
3
5
1
2
4

-- NULL ordering: NoKV's default puts NULLs first ascending, last descending.
-- skipif postgresql
-- query
SELECT id FROM n ORDER BY a, id;
-- expect
3
5
1
2
4

-- skipif postgresql
-- query
SELECT id FROM n ORDER BY a DESC, id;
-- expect
4
1
2
3
5

-- skipif postgresql
-- query
SELECT id, s FROM n ORDER BY s, id;
-- expect
3|NULL
4|NULL
1|x
2|y
5|z

-- skipif postgresql
-- query
SELECT id FROM n ORDER BY b DESC, id LIMIT 2;
-- expect
5
4

-- skipif postgresql
-- query
SELECT id FROM n ORDER BY b, id LIMIT 2;
-- expect
2
3

-- Grouping, DISTINCT and aggregates.
-- query
SELECT a, COUNT(*) FROM n GROUP BY a;
-- expect sorted
NULL|2
1|2
2|1

-- query
SELECT DISTINCT a FROM n;
-- expect sorted
NULL
1
2

-- query
SELECT COUNT(*), COUNT(a), SUM(a), MIN(b), MAX(s), COUNT(DISTINCT a), COUNT(a + b) FROM n;
-- expect
5|3|4|1|z|2|2

-- query
SELECT MAX(a), SUM(b), COUNT(a) FROM n WHERE a IS NULL;
-- expect
NULL|5|0

-- NULLs in UNIQUE columns: any number of NULLs, but one of each value.
-- ok
CREATE TABLE u (id INT PRIMARY KEY, code VARCHAR(5) UNIQUE);

-- rows 3
INSERT INTO u VALUES (1, NULL), (2, NULL), (3, 'a');

-- error 23505
INSERT INTO u VALUES (4, 'a');

-- rows 1
INSERT INTO u VALUES (4, NULL);

-- query
SELECT COUNT(*) FROM u WHERE code IS NULL;
-- expect
3

-- rows 1
UPDATE u SET code = NULL WHERE id = 3;

-- rows 1
INSERT INTO u VALUES (5, 'a');

-- rows 1
UPDATE u SET code = 'b' WHERE id = 1;

-- error 23505
UPDATE u SET code = 'b' WHERE id = 2;

-- query
SELECT id, code FROM u WHERE code IS NOT NULL ORDER BY code;
-- expect
5|a
1|b

-- ok
CREATE TABLE u2 (id INT PRIMARY KEY, x INT, y INT, UNIQUE (x, y));

-- rows 2
INSERT INTO u2 VALUES (1, 1, NULL), (2, 1, NULL);

-- rows 1
INSERT INTO u2 VALUES (3, 1, 2);

-- error 23505
INSERT INTO u2 VALUES (4, 1, 2);

-- query
SELECT COUNT(*) FROM u2 WHERE x = 1;
-- expect
3

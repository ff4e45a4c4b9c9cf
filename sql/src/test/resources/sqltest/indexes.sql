-- Indexes: every query here runs without an index, then with indexes created on the populated
-- table, and again after DML and after the indexes are dropped; the answers must not change.
-- Covers non-unique, unique and composite indexes, NULLs, negative numbers, extreme integers,
-- doubles on both sides of zero, dates around 1970, strings sharing prefixes, the empty string
-- and a trailing space, primary key changes, and CREATE/DROP INDEX [IF [NOT] EXISTS].

-- ok
CREATE TABLE m (id INT PRIMARY KEY, a INT, b VARCHAR(10), c DOUBLE, d DATE, k1 INT, k2 VARCHAR(5));

-- rows 12
INSERT INTO m VALUES
  (1, -5, 'a', -1.5, DATE '1969-12-31', 1, 'x'),
  (2, 0, 'ab', 0.0, DATE '1970-01-01', 1, 'y'),
  (3, 5, 'a b', 2.5, DATE '2024-02-29', 1, NULL),
  (4, NULL, '', -0.25, NULL, 2, 'x'),
  (5, -100, 'b', 1e10, DATE '1900-01-01', 2, 'z'),
  (6, 100, NULL, -1e10, DATE '2100-12-31', NULL, 'x'),
  (7, 5, 'B', NULL, DATE '2024-02-29', 2, 'y'),
  (8, -2147483648, 'abc', 3.0, DATE '2000-01-01', 3, 'x'),
  (9, 2147483647, 'a', -3.0, DATE '1999-12-31', 3, 'x'),
  (10, NULL, 'zz', NULL, NULL, NULL, NULL),
  (11, 5, 'ab ', 0.5, DATE '2024-03-01', 1, 'y'),
  (12, -1, 'é', 0.1, DATE '2024-01-01', 2, 'z');

-- Without indexes.

-- query
SELECT id FROM m WHERE a = 5;
-- expect sorted
3
7
11

-- query
SELECT id FROM m WHERE a < 0;
-- expect sorted
1
5
8
12

-- query
SELECT id FROM m WHERE a <= 0 ORDER BY a, id;
-- expect
8
5
1
12
2

-- query
SELECT id FROM m WHERE a > 5 ORDER BY a DESC;
-- expect
9
6

-- query
SELECT id FROM m WHERE a BETWEEN -5 AND 5;
-- expect sorted
1
2
3
7
11
12

-- query
SELECT id FROM m WHERE a IN (-1, 100, 7);
-- expect sorted
6
12

-- query
SELECT id FROM m WHERE a IS NULL;
-- expect sorted
4
10

-- query
SELECT a FROM m WHERE a IS NOT NULL ORDER BY a DESC LIMIT 3;
-- expect
2147483647
100
5

-- query
SELECT id FROM m ORDER BY a NULLS LAST, id;
-- expect
8
5
1
12
2
3
7
11
6
9
4
10

-- skipif postgresql
-- query
SELECT id FROM m ORDER BY a, id;
-- expect
4
10
8
5
1
12
2
3
7
11
6
9

-- query
SELECT id FROM m WHERE b = 'ab';
-- expect
2

-- query
SELECT id FROM m WHERE b LIKE 'a%';
-- expect sorted
1
2
3
8
9
11

-- query
SELECT id FROM m WHERE b > 'a' AND b < 'b';
-- expect sorted
2
3
8
11

-- query
SELECT b FROM m WHERE b IS NOT NULL ORDER BY b;
-- expect
''
B
a
a
a b
ab
'ab '
abc
b
zz
é

-- query
SELECT id FROM m WHERE b = '';
-- expect
4

-- query
SELECT id FROM m WHERE c < 0 ORDER BY c;
-- expect
6
9
1
4

-- query
SELECT id FROM m WHERE c >= 0 ORDER BY c;
-- expect
2
12
11
3
8
5

-- query
SELECT id FROM m WHERE c BETWEEN -2 AND 1;
-- expect sorted
1
2
4
11
12

-- query
SELECT id FROM m WHERE d < DATE '1970-01-02' ORDER BY d;
-- expect
5
1
2

-- query
SELECT id FROM m WHERE d = DATE '2024-02-29';
-- expect sorted
3
7

-- query
SELECT id FROM m WHERE d > DATE '2024-01-01' ORDER BY d DESC, id;
-- expect
6
11
3
7

-- query
SELECT id FROM m WHERE k1 = 1;
-- expect sorted
1
2
3
11

-- query
SELECT id FROM m WHERE k1 = 1 AND k2 = 'y';
-- expect sorted
2
11

-- query
SELECT id FROM m WHERE k1 = 2 AND k2 > 'x';
-- expect sorted
5
7
12

-- query
SELECT id FROM m WHERE k1 >= 2 AND k2 = 'x';
-- expect sorted
4
8
9

-- query
SELECT id FROM m WHERE k2 = 'x';
-- expect sorted
1
4
6
8
9

-- query
SELECT k1, k2, id FROM m WHERE k1 IS NOT NULL AND k2 IS NOT NULL ORDER BY k1, k2, id;
-- expect
1|x|1
1|y|2
1|y|11
2|x|4
2|y|7
2|z|5
2|z|12
3|x|8
3|x|9

-- query
SELECT id FROM m WHERE k1 = 1 AND k2 IS NULL;
-- expect
3

-- query
SELECT COUNT(*), MIN(a), MAX(b) FROM m WHERE k1 = 3;
-- expect
2|-2147483648|abc

-- Indexes created on the populated table.
-- ok
CREATE INDEX m_a ON m (a);

-- ok
CREATE INDEX m_b ON m (b);

-- ok
CREATE INDEX IF NOT EXISTS m_c ON m (c);

-- ok
CREATE INDEX m_d ON m (d);

-- ok
CREATE INDEX m_k ON m (k1, k2);

-- ok
CREATE INDEX IF NOT EXISTS m_a ON m (b);

-- error 42
CREATE INDEX m_a ON m (b);

-- error 42P01
CREATE INDEX nope_x ON nope (x);

-- error 42703
CREATE INDEX m_nope ON m (nope);

-- query
SELECT id FROM m WHERE a = 5;
-- expect sorted
3
7
11

-- query
SELECT id FROM m WHERE a < 0;
-- expect sorted
1
5
8
12

-- query
SELECT id FROM m WHERE a <= 0 ORDER BY a, id;
-- expect
8
5
1
12
2

-- query
SELECT id FROM m WHERE a > 5 ORDER BY a DESC;
-- expect
9
6

-- query
SELECT id FROM m WHERE a BETWEEN -5 AND 5;
-- expect sorted
1
2
3
7
11
12

-- query
SELECT id FROM m WHERE a IN (-1, 100, 7);
-- expect sorted
6
12

-- query
SELECT id FROM m WHERE a IS NULL;
-- expect sorted
4
10

-- query
SELECT a FROM m WHERE a IS NOT NULL ORDER BY a DESC LIMIT 3;
-- expect
2147483647
100
5

-- query
SELECT id FROM m ORDER BY a NULLS LAST, id;
-- expect
8
5
1
12
2
3
7
11
6
9
4
10

-- skipif postgresql
-- query
SELECT id FROM m ORDER BY a, id;
-- expect
4
10
8
5
1
12
2
3
7
11
6
9

-- query
SELECT id FROM m WHERE b = 'ab';
-- expect
2

-- query
SELECT id FROM m WHERE b LIKE 'a%';
-- expect sorted
1
2
3
8
9
11

-- query
SELECT id FROM m WHERE b > 'a' AND b < 'b';
-- expect sorted
2
3
8
11

-- query
SELECT b FROM m WHERE b IS NOT NULL ORDER BY b;
-- expect
''
B
a
a
a b
ab
'ab '
abc
b
zz
é

-- query
SELECT id FROM m WHERE b = '';
-- expect
4

-- query
SELECT id FROM m WHERE c < 0 ORDER BY c;
-- expect
6
9
1
4

-- query
SELECT id FROM m WHERE c >= 0 ORDER BY c;
-- expect
2
12
11
3
8
5

-- query
SELECT id FROM m WHERE c BETWEEN -2 AND 1;
-- expect sorted
1
2
4
11
12

-- query
SELECT id FROM m WHERE d < DATE '1970-01-02' ORDER BY d;
-- expect
5
1
2

-- query
SELECT id FROM m WHERE d = DATE '2024-02-29';
-- expect sorted
3
7

-- query
SELECT id FROM m WHERE d > DATE '2024-01-01' ORDER BY d DESC, id;
-- expect
6
11
3
7

-- query
SELECT id FROM m WHERE k1 = 1;
-- expect sorted
1
2
3
11

-- query
SELECT id FROM m WHERE k1 = 1 AND k2 = 'y';
-- expect sorted
2
11

-- query
SELECT id FROM m WHERE k1 = 2 AND k2 > 'x';
-- expect sorted
5
7
12

-- query
SELECT id FROM m WHERE k1 >= 2 AND k2 = 'x';
-- expect sorted
4
8
9

-- query
SELECT id FROM m WHERE k2 = 'x';
-- expect sorted
1
4
6
8
9

-- query
SELECT k1, k2, id FROM m WHERE k1 IS NOT NULL AND k2 IS NOT NULL ORDER BY k1, k2, id;
-- expect
1|x|1
1|y|2
1|y|11
2|x|4
2|y|7
2|z|5
2|z|12
3|x|8
3|x|9

-- query
SELECT id FROM m WHERE k1 = 1 AND k2 IS NULL;
-- expect
3

-- query
SELECT COUNT(*), MIN(a), MAX(b) FROM m WHERE k1 = 3;
-- expect
2|-2147483648|abc

-- Index maintenance: changes to indexed columns, deletes, inserts, primary key changes.
-- rows 1
UPDATE m SET a = 6 WHERE id = 7;

-- rows 1
DELETE FROM m WHERE id = 9;

-- rows 1
INSERT INTO m VALUES (13, 5, 'ab', 7.5, DATE '2024-02-29', 4, 'w');

-- rows 1
UPDATE m SET b = 'zz', k2 = 'q' WHERE id = 1;

-- rows 1
UPDATE m SET id = 20 WHERE id = 2;

-- rows 1
UPDATE m SET c = 9.5 WHERE c = -3.0 OR id = 12;

-- rows 1
INSERT INTO m VALUES (30, NULL, 'a', NULL, NULL, 3, 'x');

-- query
SELECT id FROM m WHERE a = 5;
-- expect sorted
3
11
13

-- query
SELECT id FROM m WHERE a = 6;
-- expect
7

-- query
SELECT id FROM m WHERE a > 5 ORDER BY a;
-- expect
7
6

-- query
SELECT id FROM m WHERE b = 'ab';
-- expect sorted
13
20

-- query
SELECT id FROM m WHERE b = 'a';
-- expect
30

-- query
SELECT id FROM m WHERE b LIKE 'z%';
-- expect sorted
1
10

-- query
SELECT id, a FROM m WHERE id >= 20 ORDER BY id;
-- expect
20|0
30|NULL

-- query
SELECT id FROM m WHERE c < 0 ORDER BY c;
-- expect
6
1
4

-- query
SELECT id FROM m WHERE d = DATE '2024-02-29';
-- expect sorted
3
7
13

-- query
SELECT id FROM m WHERE k1 = 1;
-- expect sorted
1
3
11
20

-- query
SELECT id FROM m WHERE k1 = 3;
-- expect sorted
8
30

-- query
SELECT id FROM m WHERE a IS NULL;
-- expect sorted
4
10
30

-- query
SELECT COUNT(*) FROM m;
-- expect
13

-- The same answers once the indexes are gone.
-- ok
DROP INDEX m_a;

-- ok
DROP INDEX m_b;

-- ok
DROP INDEX m_c;

-- ok
DROP INDEX m_d;

-- ok
DROP INDEX IF EXISTS m_k;

-- ok
DROP INDEX IF EXISTS m_k;

-- error 42
DROP INDEX m_k;

-- query
SELECT id FROM m WHERE a = 5;
-- expect sorted
3
11
13

-- query
SELECT id FROM m WHERE a = 6;
-- expect
7

-- query
SELECT id FROM m WHERE a > 5 ORDER BY a;
-- expect
7
6

-- query
SELECT id FROM m WHERE b = 'ab';
-- expect sorted
13
20

-- query
SELECT id FROM m WHERE b = 'a';
-- expect
30

-- query
SELECT id FROM m WHERE b LIKE 'z%';
-- expect sorted
1
10

-- query
SELECT id, a FROM m WHERE id >= 20 ORDER BY id;
-- expect
20|0
30|NULL

-- query
SELECT id FROM m WHERE c < 0 ORDER BY c;
-- expect
6
1
4

-- query
SELECT id FROM m WHERE d = DATE '2024-02-29';
-- expect sorted
3
7
13

-- query
SELECT id FROM m WHERE k1 = 1;
-- expect sorted
1
3
11
20

-- query
SELECT id FROM m WHERE k1 = 3;
-- expect sorted
8
30

-- query
SELECT id FROM m WHERE a IS NULL;
-- expect sorted
4
10
30

-- query
SELECT COUNT(*) FROM m;
-- expect
13

-- Unique indexes: created only over unique values, enforced on INSERT and UPDATE, NULLs allowed
-- any number of times, the constraint gone with the index.
-- ok
CREATE TABLE uq (id INT PRIMARY KEY, code VARCHAR(5), grp INT);

-- rows 5
INSERT INTO uq VALUES (1, 'a', 1), (2, 'b', 1), (3, NULL, 1), (4, NULL, 2), (5, 'a', 2);

-- error 23505
CREATE UNIQUE INDEX uq_code ON uq (code);

-- ok
CREATE UNIQUE INDEX uq_grp_code ON uq (grp, code);

-- query
SELECT id FROM uq WHERE grp = 2 AND code = 'a';
-- expect
5

-- error 23505
INSERT INTO uq VALUES (6, 'b', 1);

-- rows 1
INSERT INTO uq VALUES (6, NULL, 1);

-- rows 1
UPDATE uq SET code = 'c' WHERE id = 5;

-- ok
CREATE UNIQUE INDEX uq_code ON uq (code);

-- error 23505
INSERT INTO uq VALUES (7, 'c', 3);

-- error 23505
UPDATE uq SET code = 'a' WHERE id = 2;

-- query
SELECT id FROM uq WHERE code = 'c';
-- expect
5

-- query
SELECT id FROM uq WHERE code IS NULL;
-- expect sorted
3
4
6

-- query
SELECT id FROM uq WHERE code >= 'b' ORDER BY code;
-- expect
2
5

-- rows 1
DELETE FROM uq WHERE id = 5;

-- rows 1
INSERT INTO uq VALUES (7, 'c', 3);

-- ok
DROP INDEX uq_code;

-- rows 1
INSERT INTO uq VALUES (8, 'c', 4);

-- query
SELECT id FROM uq WHERE code = 'c';
-- expect sorted
7
8

-- error 23505
INSERT INTO uq VALUES (9, 'c', 4);

-- An index goes away with its table.
-- ok
CREATE TABLE tmp (x INT);

-- ok
CREATE INDEX tmp_x ON tmp (x);

-- ok
DROP TABLE tmp;

-- ok
CREATE TABLE tmp (x INT, y INT);

-- ok
CREATE INDEX tmp_x ON tmp (y);

-- rows 3
INSERT INTO tmp VALUES (1, 2), (2, 2), (3, NULL);

-- query
SELECT x FROM tmp WHERE y = 2;
-- expect sorted
1
2

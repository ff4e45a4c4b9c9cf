-- DML: INSERT (single and multi-row VALUES, column lists, DEFAULT, INSERT ... SELECT), UPDATE
-- (expressions, several columns, primary key changes, subqueries) and DELETE, with their
-- update counts.

-- ok
CREATE TABLE acct (id INT PRIMARY KEY, owner VARCHAR(10) NOT NULL, balance DECIMAL(10,2) DEFAULT 0, status VARCHAR(6) DEFAULT 'open');

-- rows 1
INSERT INTO acct VALUES (1, 'ann', 100.00, 'open');

-- rows 3
INSERT INTO acct VALUES (2, 'bob', 50, 'open'), (3, 'cid', 0.5, 'closed'), (4, 'dee', 75.25, 'open');

-- Column list in another order; the missing columns take their defaults.
-- rows 1
INSERT INTO acct (owner, id) VALUES ('eve', 5);

-- rows 2
INSERT INTO acct (id, owner, balance, status) VALUES (6, 'fay', DEFAULT, DEFAULT), (7, 'gus', 10 * 3 + 0.5, 'op' || 'en');

-- rows 1
INSERT INTO acct (id, owner, balance, status) VALUES (8, 'hal', NULL, NULL);

-- query
SELECT id, owner, balance, status FROM acct ORDER BY id;
-- expect
1|ann|100.00|open
2|bob|50.00|open
3|cid|0.50|closed
4|dee|75.25|open
5|eve|0.00|open
6|fay|0.00|open
7|gus|30.50|open
8|hal|NULL|NULL

-- error 42
INSERT INTO acct (id, owner) VALUES (9, 'ivy', 1);

-- error 42
INSERT INTO acct (id, nope) VALUES (9, 'x');

-- error 42703
UPDATE acct SET nope = 1;

-- INSERT ... SELECT.
-- ok
CREATE TABLE archive (id INT PRIMARY KEY, owner VARCHAR(10), balance DECIMAL(10,2));

-- rows 3
INSERT INTO archive SELECT id, owner, balance FROM acct WHERE status = 'open' AND balance > 40;

-- query
SELECT id, owner, balance FROM archive ORDER BY id;
-- expect
1|ann|100.00
2|bob|50.00
4|dee|75.25

-- rows 2
INSERT INTO archive (owner, id) SELECT UPPER(owner), id + 100 FROM acct WHERE id IN (5, 6);

-- query
SELECT id, owner, balance FROM archive WHERE id > 100 ORDER BY id;
-- expect
105|EVE|NULL
106|FAY|NULL

-- rows 0
INSERT INTO archive SELECT id, owner, balance FROM acct WHERE id < 0;

-- error 23505
INSERT INTO archive SELECT id, owner, balance FROM acct;

-- The failed INSERT ... SELECT inserted nothing.
-- query
SELECT COUNT(*) FROM archive;
-- expect
5

-- A table can be inserted into from itself: the SELECT sees the rows as they were before.
-- rows 5
INSERT INTO archive SELECT id + 1000, owner, balance FROM archive;

-- query
SELECT COUNT(*), MIN(id), MAX(id) FROM archive;
-- expect
10|1|1106

-- UPDATE.
-- rows 1
UPDATE acct SET balance = balance + 10 WHERE id = 2;

-- rows 0
UPDATE acct SET balance = 0 WHERE id = 999;

-- rows 4
UPDATE acct SET status = 'vip', balance = balance * 2 WHERE balance >= 30;

-- query
SELECT id, balance, status FROM acct ORDER BY id;
-- expect
1|200.00|vip
2|120.00|vip
3|0.50|closed
4|150.50|vip
5|0.00|open
6|0.00|open
7|61.00|vip
8|NULL|NULL

-- Rows where the WHERE clause is unknown (NULL) are not updated.
-- rows 3
UPDATE acct SET status = 'low' WHERE balance < 1;

-- query
SELECT id FROM acct WHERE status = 'low' ORDER BY id;
-- expect
3
5
6

-- Matched rows count even when the new value equals the old one.
-- rows 2
UPDATE acct SET status = status WHERE id IN (1, 2);

-- rows 1
UPDATE acct SET balance = (SELECT MAX(balance) FROM archive) WHERE id = 8;

-- rows 2
UPDATE acct SET owner = owner || '!' WHERE id IN (SELECT id FROM archive WHERE owner = 'bob' OR owner = 'dee');

-- query
SELECT id, owner, balance FROM acct WHERE id IN (2, 4, 8) ORDER BY id;
-- expect
2|bob!|120.00
4|dee!|150.50
8|hal|100.00

-- error 23502
UPDATE acct SET owner = NULL WHERE id = 1;

-- error 22001
UPDATE acct SET owner = 'a much too long name' WHERE id = 1;

-- Changing a primary key: the row moves, the old key is free, the new one taken.
-- rows 1
UPDATE acct SET id = 50 WHERE id = 5;

-- query
SELECT id, owner FROM acct WHERE id = 5 OR id = 50;
-- expect
50|eve

-- error 23505
UPDATE acct SET id = 1 WHERE id = 50;

-- rows 1
INSERT INTO acct (id, owner) VALUES (5, 'new');

-- query
SELECT id, owner FROM acct WHERE id IN (5, 50) ORDER BY id;
-- expect
5|new
50|eve

-- Every key changes at once, without overlapping the old keys.
-- rows 9
UPDATE acct SET id = id + 100;

-- query
SELECT id FROM acct ORDER BY id;
-- expect
101
102
103
104
105
106
107
108
150

-- query
SELECT owner FROM acct WHERE id = 101;
-- expect
ann

-- Key change of a composite key.
-- ok
CREATE TABLE pairs (a INT, b INT, v VARCHAR(5), PRIMARY KEY (a, b));

-- rows 3
INSERT INTO pairs VALUES (1, 1, 'x'), (1, 2, 'y'), (2, 1, 'z');

-- rows 2
UPDATE pairs SET b = b + 10 WHERE a = 1;

-- error 23505
UPDATE pairs SET a = 1, b = 11 WHERE a = 2;

-- query
SELECT a, b, v FROM pairs ORDER BY a, b;
-- expect
1|11|x
1|12|y
2|1|z

-- DELETE.
-- rows 1
DELETE FROM acct WHERE id = 103;

-- rows 0
DELETE FROM acct WHERE id = 103;

-- rows 2
DELETE FROM acct WHERE id IN (SELECT id + 100 FROM archive WHERE id < 3);

-- query
SELECT id FROM acct ORDER BY id;
-- expect
104
105
106
107
108
150

-- A deleted key can be inserted again.
-- rows 1
INSERT INTO acct (id, owner, balance) VALUES (101, 'ann2', 1);

-- query
SELECT owner, balance, status FROM acct WHERE id = 101;
-- expect
ann2|1.00|open

-- rows 1
DELETE FROM pairs WHERE a = 2 AND b = 1;

-- rows 2
DELETE FROM pairs;

-- query
SELECT COUNT(*) FROM pairs;
-- expect
0

-- rows 10
DELETE FROM archive;

-- rows 0
DELETE FROM archive;

-- Insert after emptying a table.
-- rows 2
INSERT INTO archive VALUES (1, 'x', 1.1), (2, 'y', 2.2);

-- query
SELECT SUM(balance) FROM archive;
-- expect
3.30

-- Many rows at once.
-- ok
CREATE TABLE nums (n INT PRIMARY KEY, sq INT);

-- rows 20
INSERT INTO nums VALUES (1, 1), (2, 4), (3, 9), (4, 16), (5, 25), (6, 36), (7, 49), (8, 64), (9, 81), (10, 100), (11, 121), (12, 144), (13, 169), (14, 196), (15, 225), (16, 256), (17, 289), (18, 324), (19, 361), (20, 400);

-- rows 20
INSERT INTO nums SELECT n + 20, (n + 20) * (n + 20) FROM nums;

-- rows 40
INSERT INTO nums SELECT n + 40, (n + 40) * (n + 40) FROM nums;

-- query
SELECT COUNT(*), SUM(n), MAX(sq) FROM nums;
-- expect
80|3240|6400

-- rows 40
UPDATE nums SET sq = -sq WHERE MOD(n, 2) = 0;

-- query
SELECT SUM(sq) FROM nums;
-- expect
-3240

-- rows 60
DELETE FROM nums WHERE n > 20;

-- query
SELECT n, sq FROM nums WHERE n > 17 ORDER BY n;
-- expect
18|-324
19|361
20|-400

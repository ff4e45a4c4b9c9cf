-- Subqueries: scalar, IN / NOT IN, EXISTS / NOT EXISTS, ANY / ALL, correlated, derived tables,
-- WITH, and the set operations UNION, UNION ALL, INTERSECT, EXCEPT.

-- ok
CREATE TABLE cust (id INT PRIMARY KEY, name VARCHAR(10), city VARCHAR(10));

-- rows 5
INSERT INTO cust VALUES (1, 'ann', 'rome'), (2, 'bob', 'oslo'), (3, 'cat', 'rome'), (4, 'dan', NULL), (5, 'eve', 'lima');

-- ok
CREATE TABLE ord (id INT PRIMARY KEY, cust_id INT, amount INT, status VARCHAR(4));

-- rows 7
INSERT INTO ord VALUES (10, 1, 100, 'paid'), (11, 1, 50, 'open'), (12, 2, 75, 'paid'), (13, 3, 20, 'paid'), (14, 3, 30, 'open'), (15, 3, 10, 'paid'), (16, NULL, 5, 'open');

-- Scalar subqueries.
-- query
SELECT name, (SELECT COUNT(*) FROM ord o WHERE o.cust_id = c.id) FROM cust c;
-- expect sorted
ann|2
bob|1
cat|3
dan|0
eve|0

-- query
SELECT name, (SELECT MAX(amount) FROM ord o WHERE o.cust_id = c.id) FROM cust c WHERE id IN (1, 4) ORDER BY id;
-- expect
ann|100
dan|NULL

-- query
SELECT id FROM ord WHERE amount > (SELECT AVG(amount) FROM ord);
-- expect sorted
10
11
12

-- query
SELECT amount - (SELECT MIN(amount) FROM ord) FROM ord WHERE id = 10;
-- expect
95

-- query
SELECT (SELECT name FROM cust WHERE id = 2), (SELECT name FROM cust WHERE id = 99);
-- expect
bob|NULL

-- IN and NOT IN.
-- query
SELECT name FROM cust WHERE id IN (SELECT cust_id FROM ord WHERE status = 'open');
-- expect sorted
ann
cat

-- Each row once, however many times it matches.
-- query
SELECT name FROM cust WHERE id IN (SELECT cust_id FROM ord);
-- expect sorted
ann
bob
cat

-- NOT IN over a set containing NULL is never true.
-- query
SELECT name FROM cust WHERE id NOT IN (SELECT cust_id FROM ord);
-- expect

-- query
SELECT name FROM cust WHERE id NOT IN (SELECT cust_id FROM ord WHERE cust_id IS NOT NULL);
-- expect sorted
dan
eve

-- EXISTS and NOT EXISTS.
-- query
SELECT name FROM cust c WHERE EXISTS (SELECT 1 FROM ord o WHERE o.cust_id = c.id AND o.amount >= 75);
-- expect sorted
ann
bob

-- query
SELECT name FROM cust c WHERE NOT EXISTS (SELECT 1 FROM ord o WHERE o.cust_id = c.id);
-- expect sorted
dan
eve

-- query
SELECT COUNT(*) FROM cust WHERE EXISTS (SELECT 1 FROM ord WHERE amount > 1000);
-- expect
0

-- query
SELECT COUNT(*) FROM cust WHERE EXISTS (SELECT 1 FROM ord WHERE amount > 90);
-- expect
5

-- Correlated subqueries.
-- query
SELECT o.id FROM ord o WHERE o.amount = (SELECT MAX(o2.amount) FROM ord o2 WHERE o2.cust_id = o.cust_id);
-- expect sorted
10
12
14

-- query
SELECT c.name FROM cust c WHERE (SELECT SUM(amount) FROM ord o WHERE o.cust_id = c.id) > 70;
-- expect sorted
ann
bob

-- query
SELECT cust_id FROM ord GROUP BY cust_id HAVING SUM(amount) > (SELECT AVG(amount) FROM ord);
-- expect sorted
1
2
3

-- ANY / ALL.
-- query
SELECT id FROM ord WHERE amount > ALL (SELECT amount FROM ord WHERE cust_id = 3);
-- expect sorted
10
11
12

-- query
SELECT id FROM ord WHERE amount < ANY (SELECT amount FROM ord WHERE cust_id = 3);
-- expect sorted
13
15
16

-- query
SELECT id FROM ord WHERE amount = SOME (SELECT amount FROM ord WHERE status = 'open' AND cust_id = 1);
-- expect
11

-- Derived tables and WITH.
-- query
SELECT t.cust_id, t.total FROM (SELECT cust_id, SUM(amount) AS total FROM ord GROUP BY cust_id) AS t WHERE t.total > 50;
-- expect sorted
1|150
2|75
3|60

-- query
SELECT c.name, t.n FROM cust c JOIN (SELECT cust_id, COUNT(*) AS n FROM ord WHERE status = 'paid' GROUP BY cust_id) t ON t.cust_id = c.id ORDER BY c.name;
-- expect
ann|1
bob|1
cat|2

-- query
SELECT MAX(total) FROM (SELECT cust_id, SUM(amount) AS total FROM ord GROUP BY cust_id) t;
-- expect
150

-- query
SELECT x.name FROM (SELECT name, city FROM (SELECT * FROM cust WHERE id > 1) y WHERE city IS NOT NULL) x ORDER BY x.name;
-- expect
bob
cat
eve

-- query
WITH big AS (SELECT * FROM ord WHERE amount >= 50) SELECT c.name, b.amount FROM cust c JOIN big b ON b.cust_id = c.id;
-- expect sorted
ann|100
ann|50
bob|75

-- query
SELECT COUNT(*) FROM (SELECT id FROM cust UNION ALL SELECT id FROM ord) t;
-- expect
12

-- Set operations.
-- query
SELECT city FROM cust UNION SELECT status FROM ord;
-- expect sorted
rome
oslo
NULL
lima
paid
open

-- query
SELECT city FROM cust UNION SELECT city FROM cust;
-- expect sorted
rome
oslo
NULL
lima

-- query
SELECT cust_id FROM ord WHERE amount > 50 UNION ALL SELECT id FROM cust WHERE city = 'rome';
-- expect sorted
1
1
2
3

-- query
SELECT name FROM cust WHERE id < 3 UNION SELECT name FROM cust WHERE id > 3 ORDER BY name DESC;
-- expect
eve
dan
bob
ann

-- query
SELECT name FROM cust WHERE id < 3 UNION ALL SELECT name FROM cust WHERE id > 3 ORDER BY name LIMIT 2;
-- expect
ann
bob

-- query
SELECT id FROM cust INTERSECT SELECT cust_id FROM ord;
-- expect sorted
1
2
3

-- Set operations treat NULLs as equal.
-- query
SELECT city FROM cust INTERSECT SELECT city FROM cust WHERE id > 2;
-- expect sorted
rome
NULL
lima

-- query
SELECT id FROM cust EXCEPT SELECT cust_id FROM ord;
-- expect sorted
4
5

-- query
SELECT city FROM cust EXCEPT SELECT city FROM cust WHERE id <> 4;
-- expect
NULL

-- query
SELECT id, name FROM cust WHERE id <= 2 UNION SELECT id + 10, name FROM cust WHERE id <= 2;
-- expect sorted
1|ann
2|bob
11|ann
12|bob

-- error 42
SELECT id, name FROM cust UNION SELECT id FROM ord;

-- Subqueries see the latest committed state.
-- rows 1
DELETE FROM ord WHERE id = 16;

-- query
SELECT name FROM cust WHERE id NOT IN (SELECT cust_id FROM ord);
-- expect sorted
dan
eve

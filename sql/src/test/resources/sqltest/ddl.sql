-- DDL: CREATE/DROP TABLE [IF [NOT] EXISTS], identifiers, defaults, NOT NULL, primary keys
-- (column, table level, composite), UNIQUE, tables without a primary key, schemas, and
-- ALTER TABLE ADD/DROP COLUMN on tables that already hold rows.

-- ok
CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, city VARCHAR(20) DEFAULT 'Paris', age INT);

-- error 42P07
CREATE TABLE people (id INT PRIMARY KEY);

-- IF NOT EXISTS leaves the existing table as it was.
-- ok
CREATE TABLE IF NOT EXISTS people (other INT PRIMARY KEY);

-- query
SELECT COUNT(*) FROM people;
-- expect
0

-- rows 1
INSERT INTO people (id, name) VALUES (1, 'Ann');

-- query
SELECT id, name, city, age FROM people;
-- columns id|name|city|age
-- expect
1|Ann|Paris|NULL

-- rows 1
INSERT INTO people VALUES (2, 'Bob', 'Oslo', 30);

-- An explicit NULL overrides the default.
-- rows 1
INSERT INTO people (id, name, city) VALUES (3, 'Cid', NULL);

-- rows 1
INSERT INTO people (id, name, city, age) VALUES (4, 'Dee', DEFAULT, 41);

-- query
SELECT id, city FROM people ORDER BY id;
-- expect
1|Paris
2|Oslo
3|NULL
4|Paris

-- error 23502
INSERT INTO people (id) VALUES (5);

-- error 23502
INSERT INTO people VALUES (5, NULL, 'Rome', 1);

-- Primary key columns are NOT NULL.
-- error 23502
INSERT INTO people (id, name) VALUES (NULL, 'Eve');

-- error 23505
INSERT INTO people (id, name) VALUES (1, 'Dup');

-- error 23502
UPDATE people SET name = NULL WHERE id = 2;

-- The failed statements changed nothing.
-- query
SELECT id, name FROM people ORDER BY id;
-- expect
1|Ann
2|Bob
3|Cid
4|Dee

-- Unquoted identifiers are case-insensitive and fold to lower case.
-- query
SELECT ID, Name FROM PEOPLE WHERE Id = 2;
-- columns id|name
-- expect
2|Bob

-- query
SELECT "id", "name" FROM "people" WHERE "id" = 1;
-- expect
1|Ann

-- error 42P01
SELECT * FROM "PEOPLE";

-- Quoted identifiers are exact.
-- ok
CREATE TABLE "MixedCase" ("Key" INT PRIMARY KEY, "value" VARCHAR(5));

-- rows 1
INSERT INTO "MixedCase" VALUES (1, 'one');

-- query
SELECT "Key", "value" FROM "MixedCase";
-- columns Key|value
-- expect
1|one

-- error 42P01
SELECT * FROM mixedcase;

-- error 42703
SELECT key FROM "MixedCase";

-- query
SELECT * FROM "MixedCase";
-- columns Key|value
-- expect
1|one

-- Table-level and composite primary keys.
-- ok
CREATE TABLE enrol (student INT, course VARCHAR(10), grade CHAR(1), PRIMARY KEY (student, course));

-- rows 3
INSERT INTO enrol VALUES (1, 'math', 'A'), (1, 'art', 'B'), (2, 'math', 'C');

-- error 23505
INSERT INTO enrol VALUES (1, 'math', 'F');

-- rows 1
INSERT INTO enrol VALUES (2, 'art', 'A');

-- error 23502
INSERT INTO enrol VALUES (3, NULL, 'A');

-- error 23505
UPDATE enrol SET course = 'math' WHERE student = 1 AND course = 'art';

-- query
SELECT student, course, grade FROM enrol ORDER BY student, course;
-- expect
1|art|B
1|math|A
2|art|A
2|math|C

-- query
SELECT grade FROM enrol WHERE student = 2 AND course = 'math';
-- expect
C

-- ok
CREATE TABLE single_pk (code VARCHAR(5), n INT, PRIMARY KEY (code));

-- rows 2
INSERT INTO single_pk VALUES ('b', 2), ('a', 1);

-- error 23505
INSERT INTO single_pk VALUES ('a', 3);

-- A table without a primary key keeps duplicate rows.
-- ok
CREATE TABLE events (msg VARCHAR(20), n INT);

-- rows 3
INSERT INTO events VALUES ('a', 1), ('a', 1), ('b', NULL);

-- query
SELECT msg, n FROM events;
-- expect sorted
a|1
a|1
b|NULL

-- rows 2
UPDATE events SET n = 2 WHERE msg = 'a';

-- rows 2
DELETE FROM events WHERE msg = 'a';

-- query
SELECT msg, n FROM events;
-- expect
b|NULL

-- UNIQUE at column and table level.
-- ok
CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(30) UNIQUE, fname VARCHAR(10), lname VARCHAR(10), UNIQUE (fname, lname));

-- rows 2
INSERT INTO users VALUES (1, 'a@x', 'Ann', 'Lee'), (2, 'b@x', 'Ann', 'Kim');

-- error 23505
INSERT INTO users VALUES (3, 'a@x', 'Bob', 'Lee');

-- error 23505
INSERT INTO users VALUES (3, 'c@x', 'Ann', 'Lee');

-- error 23505
UPDATE users SET email = 'a@x' WHERE id = 2;

-- error 23505
INSERT INTO users VALUES (3, 'd@x', 'Cy', 'Ng'), (4, 'd@x', 'Di', 'Ng');

-- A failed multi-row insert inserts nothing.
-- query
SELECT COUNT(*) FROM users;
-- expect
2

-- rows 1
UPDATE users SET email = 'z@x' WHERE id = 1;

-- The old value is free again.
-- rows 1
INSERT INTO users VALUES (3, 'a@x', 'Cy', 'Lee');

-- query
SELECT id, email FROM users ORDER BY id;
-- expect
1|z@x
2|b@x
3|a@x

-- DROP TABLE.
-- ok
DROP TABLE events;

-- error 42P01
SELECT * FROM events;

-- error 42P01
DROP TABLE events;

-- ok
DROP TABLE IF EXISTS events;

-- A dropped table's name can be reused, with a new shape and none of the old rows.
-- ok
CREATE TABLE events (id INT PRIMARY KEY, msg VARCHAR(5));

-- query
SELECT COUNT(*) FROM events;
-- expect
0

-- rows 1
INSERT INTO events VALUES (1, 'new');

-- query
SELECT * FROM events;
-- columns id|msg
-- expect
1|new

-- Defaults of every kind of literal.
-- ok
CREATE TABLE defaults (id INT PRIMARY KEY, flag BOOLEAN DEFAULT TRUE, price DECIMAL(6,2) DEFAULT 1.5, since DATE DEFAULT DATE '2024-01-01', label VARCHAR(10) DEFAULT 'none' NOT NULL, ratio DOUBLE DEFAULT 0.25, big BIGINT DEFAULT -1);

-- rows 1
INSERT INTO defaults (id) VALUES (1);

-- rows 1
INSERT INTO defaults VALUES (2, FALSE, DEFAULT, DATE '2025-06-30', 'set', DEFAULT, 7);

-- query
SELECT id, flag, price, since, label, ratio, big FROM defaults ORDER BY id;
-- expect
1|TRUE|1.50|2024-01-01|none|0.25|-1
2|FALSE|1.50|2025-06-30|set|0.25|7

-- error 23502
INSERT INTO defaults (id, label) VALUES (3, NULL);

-- Schemas.
-- ok
CREATE SCHEMA sales;

-- error 42
CREATE SCHEMA sales;

-- ok
CREATE SCHEMA IF NOT EXISTS sales;

-- ok
CREATE TABLE sales.orders (id INT PRIMARY KEY, amount DECIMAL(8,2));

-- rows 2
INSERT INTO sales.orders VALUES (1, 9.5), (2, 10);

-- query
SELECT id, amount FROM sales.orders ORDER BY id;
-- expect
1|9.50
2|10.00

-- error 42P01
SELECT * FROM orders;

-- error 42P01
SELECT * FROM nosuchschema.orders;

-- The same table name in another schema is another table.
-- ok
CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(5));

-- rows 1
INSERT INTO orders VALUES (7, 'x');

-- query
SELECT o.id, s.amount FROM orders o, sales.orders s WHERE s.id = 1;
-- expect
7|9.50

-- ok
DROP TABLE sales.orders;

-- error 42P01
SELECT * FROM sales.orders;

-- query
SELECT id FROM orders;
-- expect
7

-- ok
DROP SCHEMA sales;

-- ok
DROP SCHEMA IF EXISTS sales;

-- ok
CREATE SCHEMA IF NOT EXISTS sales;

-- ALTER TABLE on a table with rows.
-- ok
CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(10));

-- rows 3
INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c');

-- ok
ALTER TABLE items ADD COLUMN qty INT DEFAULT 0;

-- Existing rows get the default.
-- query
SELECT id, name, qty FROM items ORDER BY id;
-- expect
1|a|0
2|b|0
3|c|0

-- ok
ALTER TABLE items ADD note VARCHAR(10);

-- query
SELECT id, note FROM items ORDER BY id;
-- expect
1|NULL
2|NULL
3|NULL

-- rows 1
INSERT INTO items (id, name) VALUES (4, 'd');

-- query
SELECT id, qty, note FROM items WHERE id = 4;
-- expect
4|0|NULL

-- rows 1
UPDATE items SET note = 'x', qty = 5 WHERE id = 2;

-- query
SELECT SUM(qty) FROM items WHERE qty > 0;
-- expect
5

-- ok
ALTER TABLE items DROP COLUMN name;

-- query
SELECT * FROM items ORDER BY id;
-- columns id|qty|note
-- expect
1|0|NULL
2|5|x
3|0|NULL
4|0|NULL

-- error 42703
SELECT name FROM items;

-- error 42703
ALTER TABLE items DROP COLUMN nope;

-- error 42
ALTER TABLE items ADD COLUMN qty INT;

-- error 42P01
ALTER TABLE nope ADD COLUMN x INT;

-- ok
ALTER TABLE items DROP note;

-- Re-adding a dropped column's name gives NULLs, not the old values.
-- ok
ALTER TABLE items ADD COLUMN note VARCHAR(10);

-- query
SELECT id, qty, note FROM items ORDER BY id;
-- expect
1|0|NULL
2|5|NULL
3|0|NULL
4|0|NULL

-- rows 1
INSERT INTO items VALUES (5, 7, 'e');

-- rows 1
DELETE FROM items WHERE note IS NULL AND qty = 5;

-- query
SELECT id, qty, note FROM items ORDER BY id DESC;
-- expect
5|7|e
4|0|NULL
3|0|NULL
1|0|NULL

-- Joins: inner, left, right, full, self, cross, comma joins, USING, non-equi conditions,
-- multi-way joins, joins with aggregates and derived tables, joins on indexed columns.

-- ok
CREATE TABLE dept (id INT PRIMARY KEY, name VARCHAR(10) NOT NULL, loc VARCHAR(10));

-- rows 4
INSERT INTO dept VALUES (10, 'eng', 'sf'), (20, 'sales', 'ny'), (30, 'hr', 'sf'), (40, 'ops', NULL);

-- ok
CREATE TABLE staff (id INT PRIMARY KEY, name VARCHAR(10), dept_id INT, boss_id INT, salary INT);

-- rows 6
INSERT INTO staff VALUES (1, 'ann', 10, NULL, 200), (2, 'bob', 10, 1, 150), (3, 'cat', 20, 1, 120), (4, 'dan', 20, 3, 100), (5, 'eli', NULL, 1, 90), (6, 'fox', 50, 2, 80);

-- ok
CREATE INDEX staff_dept ON staff (dept_id);

-- ok
CREATE UNIQUE INDEX dept_name ON dept (name);

-- ok
CREATE TABLE project (id INT PRIMARY KEY, title VARCHAR(10), dept_id INT);

-- rows 4
INSERT INTO project VALUES (100, 'alpha', 10), (101, 'beta', 10), (102, 'gamma', 20), (103, 'delta', NULL);

-- ok
CREATE TABLE assign (staff_id INT, project_id INT, hours INT, PRIMARY KEY (staff_id, project_id));

-- rows 6
INSERT INTO assign VALUES (1, 100, 10), (2, 100, 20), (2, 101, 5), (3, 102, 8), (4, 102, 12), (5, 103, 1);

-- Inner joins.
-- query
SELECT s.name, d.name FROM staff s JOIN dept d ON s.dept_id = d.id;
-- expect sorted
ann|eng
bob|eng
cat|sales
dan|sales

-- query
SELECT s.name, d.name FROM staff s INNER JOIN dept d ON s.dept_id = d.id AND s.salary > 110 WHERE d.loc = 'sf';
-- expect sorted
ann|eng
bob|eng

-- query
SELECT s.name, d.name AS dname FROM staff AS s JOIN dept AS d ON d.id = s.dept_id ORDER BY s.salary;
-- columns name|dname
-- expect
dan|sales
cat|sales
bob|eng
ann|eng

-- NULL keys never match.
-- query
SELECT COUNT(*) FROM staff s JOIN project p ON s.dept_id = p.dept_id;
-- expect
6

-- error 42
SELECT name FROM staff JOIN dept ON staff.dept_id = dept.id;

-- Outer joins.
-- query
SELECT s.name, d.name FROM staff s LEFT JOIN dept d ON s.dept_id = d.id;
-- expect sorted
ann|eng
bob|eng
cat|sales
dan|sales
eli|NULL
fox|NULL

-- query
SELECT s.name FROM staff s LEFT OUTER JOIN dept d ON s.dept_id = d.id WHERE d.id IS NULL;
-- expect sorted
eli
fox

-- query
SELECT s.name, d.name FROM staff s RIGHT JOIN dept d ON s.dept_id = d.id;
-- expect sorted
ann|eng
bob|eng
cat|sales
dan|sales
NULL|hr
NULL|ops

-- query
SELECT s.name, d.name FROM staff s FULL OUTER JOIN dept d ON s.dept_id = d.id;
-- expect sorted
ann|eng
bob|eng
cat|sales
dan|sales
eli|NULL
fox|NULL
NULL|hr
NULL|ops

-- query
SELECT COUNT(*), COUNT(s.id), COUNT(d.id) FROM staff s FULL JOIN dept d ON s.dept_id = d.id;
-- expect
8|6|6

-- A condition in ON keeps the unmatched outer rows; the same condition in WHERE removes them.
-- query
SELECT d.name, s.name FROM dept d LEFT JOIN staff s ON s.dept_id = d.id AND s.salary > 140;
-- expect sorted
eng|ann
eng|bob
sales|NULL
hr|NULL
ops|NULL

-- query
SELECT d.name, s.name FROM dept d LEFT JOIN staff s ON s.dept_id = d.id WHERE s.salary > 140;
-- expect sorted
eng|ann
eng|bob

-- query
SELECT d.name, COUNT(s.id) FROM dept d LEFT JOIN staff s ON s.dept_id = d.id GROUP BY d.name;
-- expect sorted
eng|2
sales|2
hr|0
ops|0

-- Self joins.
-- query
SELECT e.name, b.name FROM staff e JOIN staff b ON e.boss_id = b.id;
-- expect sorted
bob|ann
cat|ann
dan|cat
eli|ann
fox|bob

-- query
SELECT e.name, COALESCE(b.name, '-') FROM staff e LEFT JOIN staff b ON e.boss_id = b.id WHERE e.id <= 2 ORDER BY e.id;
-- expect
ann|-
bob|ann

-- query
SELECT e.name, b.name, bb.name FROM staff e JOIN staff b ON e.boss_id = b.id JOIN staff bb ON b.boss_id = bb.id;
-- expect sorted
dan|cat|ann
fox|bob|ann

-- Non-equi join.
-- query
SELECT s.name, t.name FROM staff s JOIN staff t ON s.salary < t.salary AND t.salary < 125 WHERE s.id = 5;
-- expect sorted
eli|cat
eli|dan

-- Cross and comma joins.
-- query
SELECT COUNT(*) FROM staff CROSS JOIN dept;
-- expect
24

-- query
SELECT d.name, p.title FROM dept d CROSS JOIN project p WHERE d.id = 30 ORDER BY p.title;
-- expect
hr|alpha
hr|beta
hr|delta
hr|gamma

-- query
SELECT s.name, p.title FROM staff s, assign a, project p WHERE s.id = a.staff_id AND a.project_id = p.id AND p.title = 'alpha';
-- expect sorted
ann|alpha
bob|alpha

-- USING.
-- query
SELECT p.title, s.name FROM project p JOIN staff s USING (dept_id) WHERE p.id = 102;
-- expect sorted
gamma|cat
gamma|dan

-- Multi-way joins.
-- query
SELECT s.name, p.title, d.name, a.hours FROM assign a JOIN staff s ON a.staff_id = s.id JOIN project p ON a.project_id = p.id LEFT JOIN dept d ON p.dept_id = d.id ORDER BY a.hours;
-- expect
eli|delta|NULL|1
bob|beta|eng|5
cat|gamma|sales|8
ann|alpha|eng|10
dan|gamma|sales|12
bob|alpha|eng|20

-- query
SELECT d.name, SUM(a.hours) FROM dept d JOIN project p ON p.dept_id = d.id JOIN assign a ON a.project_id = p.id GROUP BY d.name;
-- expect sorted
eng|35
sales|20

-- query
SELECT COUNT(*) FROM assign a1 JOIN assign a2 ON a1.project_id = a2.project_id AND a1.staff_id < a2.staff_id;
-- expect
2

-- query
SELECT s.name FROM staff s JOIN assign a ON a.staff_id = s.id ORDER BY a.hours DESC, s.name LIMIT 2;
-- expect
bob
dan

-- A derived table in a join.
-- query
SELECT d.name, t.total FROM dept d JOIN (SELECT dept_id, SUM(salary) AS total FROM staff GROUP BY dept_id) t ON t.dept_id = d.id;
-- expect sorted
eng|350
sales|220

-- Joins driven by indexed columns (staff.dept_id, dept.name, the assign primary key).
-- query
SELECT s.name FROM dept d JOIN staff s ON s.dept_id = d.id WHERE d.name = 'sales';
-- expect sorted
cat
dan

-- query
SELECT s.name, a.hours FROM staff s JOIN assign a ON a.staff_id = s.id AND a.project_id = 100 WHERE s.dept_id = 10;
-- expect sorted
ann|10
bob|20

-- query
SELECT p.title FROM assign a JOIN project p ON p.id = a.project_id WHERE a.staff_id = 2 ORDER BY p.title;
-- expect
alpha
beta

-- The join sees rows changed by earlier statements.
-- rows 1
UPDATE staff SET dept_id = 30 WHERE name = 'fox';

-- rows 1
DELETE FROM dept WHERE name = 'ops';

-- query
SELECT d.name, s.name FROM dept d LEFT JOIN staff s ON s.dept_id = d.id;
-- expect sorted
eng|ann
eng|bob
sales|cat
sales|dan
hr|fox

-- query
SELECT s.name FROM staff s WHERE s.dept_id = 30;
-- expect
fox

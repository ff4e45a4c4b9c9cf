-- Single-table SELECT: WHERE, projections, ORDER BY, LIMIT/OFFSET, DISTINCT, LIKE, IN, BETWEEN,
-- CASE, COALESCE/NULLIF, string functions, date and time literals and functions, CAST.
-- Strings compare by code point ('  Grace ' < 'Alice' < 'bob'). CASE branches returning strings
-- use literals of one length: Calcite pads CHAR literals of different lengths to the longest.

-- ok
CREATE TABLE emp (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, dept VARCHAR(10), salary INT, hired DATE, active BOOLEAN, bonus DECIMAL(8,2));

-- rows 8
INSERT INTO emp VALUES
  (1, 'Alice', 'eng', 120, DATE '2019-03-15', TRUE, 10.50),
  (2, 'bob', 'eng', 100, DATE '2020-07-01', TRUE, NULL),
  (3, 'Carol', 'sales', 90, DATE '2018-11-30', FALSE, 5.00),
  (4, 'dave', 'sales', 85, DATE '2021-01-10', TRUE, 0.00),
  (5, 'Eve', 'hr', 70, DATE '2022-02-28', TRUE, 2.25),
  (6, 'frank_x', NULL, 60, NULL, NULL, NULL),
  (7, '  Grace ', 'eng', 110, DATE '2020-02-29', FALSE, 7.75),
  (8, 'Heidi%', 'hr', 75, DATE '2019-12-31', TRUE, 1.00);

-- query
SELECT * FROM emp WHERE id = 1;
-- columns id|name|dept|salary|hired|active|bonus
-- expect
1|Alice|eng|120|2019-03-15|TRUE|10.50

-- query
SELECT e.* FROM emp AS e WHERE e.id = 7;
-- expect
7|'  Grace '|eng|110|2020-02-29|FALSE|7.75

-- query
SELECT name FROM emp WHERE salary > 100 ORDER BY salary DESC;
-- expect
Alice
'  Grace '

-- query
SELECT id, salary * 2 AS double_pay, salary - 100 AS diff FROM emp WHERE id <= 3 ORDER BY id;
-- columns id|double_pay|diff
-- expect
1|240|20
2|200|0
3|180|-10

-- query
SELECT 1 + 1, 2 + 3 * 4, (2 + 3) * 4, 7 / 2, -7 / 2, MOD(-7, 3), ABS(-5), -(3 - 5);
-- expect
2|14|20|3|-3|-1|5|2

-- AND binds tighter than OR.
-- query
SELECT id FROM emp WHERE dept = 'eng' AND salary >= 110 OR dept = 'hr' AND active;
-- expect sorted
1
5
7
8

-- query
SELECT id FROM emp WHERE NOT active;
-- expect sorted
3
7

-- query
SELECT id FROM emp WHERE active = TRUE;
-- expect sorted
1
2
4
5
8

-- query
SELECT id FROM emp WHERE salary / 10 = 7;
-- expect sorted
5
8

-- query
SELECT dept, name FROM emp WHERE dept IS NOT NULL ORDER BY dept, salary DESC;
-- expect
eng|Alice
eng|'  Grace '
eng|bob
hr|Heidi%
hr|Eve
sales|Carol
sales|dave

-- query
SELECT dept, salary FROM emp WHERE salary < 80 ORDER BY 2 DESC;
-- expect
hr|75
hr|70
NULL|60

-- query
SELECT id FROM emp ORDER BY MOD(id, 3), id;
-- expect
3
6
1
4
7
2
5
8

-- query
SELECT id, salary / 10 AS s10 FROM emp ORDER BY s10 DESC, id;
-- expect
1|12
7|11
2|10
3|9
4|8
5|7
8|7
6|6

-- query
SELECT name FROM emp WHERE name < 'C' ORDER BY name;
-- expect
'  Grace '
Alice

-- query
SELECT id FROM emp ORDER BY name DESC;
-- expect
6
4
2
8
5
3
1
7

-- LIMIT, OFFSET, FETCH.
-- query
SELECT id FROM emp ORDER BY salary DESC LIMIT 3;
-- expect
1
7
2

-- query
SELECT id FROM emp ORDER BY salary DESC LIMIT 2 OFFSET 3;
-- expect
3
4

-- query
SELECT id FROM emp ORDER BY salary DESC OFFSET 6 ROWS;
-- expect
5
6

-- query
SELECT id FROM emp ORDER BY id OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY;
-- expect
2
3

-- query
SELECT id FROM emp ORDER BY id LIMIT 0;
-- expect

-- query
SELECT id FROM emp ORDER BY id LIMIT 5 OFFSET 100;
-- expect

-- query
SELECT COUNT(*) FROM (SELECT id FROM emp LIMIT 5) AS t;
-- expect
5

-- DISTINCT.
-- query
SELECT DISTINCT dept FROM emp;
-- expect sorted
NULL
eng
hr
sales

-- query
SELECT DISTINCT dept, active FROM emp WHERE dept IS NOT NULL;
-- expect sorted
eng|TRUE
eng|FALSE
hr|TRUE
sales|FALSE
sales|TRUE

-- query
SELECT DISTINCT salary / 100 FROM emp ORDER BY 1;
-- expect
0
1

-- LIKE (case-sensitive), with ESCAPE.
-- query
SELECT name FROM emp WHERE name LIKE 'A%';
-- expect
Alice

-- query
SELECT name FROM emp WHERE name LIKE '%e';
-- expect sorted
Alice
dave
Eve

-- query
SELECT name FROM emp WHERE name LIKE '_o%';
-- expect
bob

-- query
SELECT name FROM emp WHERE name LIKE 'a%';
-- expect

-- query
SELECT name FROM emp WHERE name LIKE '%\_%' ESCAPE '\';
-- expect
frank_x

-- query
SELECT name FROM emp WHERE name LIKE '%!%' ESCAPE '!';
-- expect
Heidi%

-- query
SELECT id FROM emp WHERE name NOT LIKE '%a%';
-- expect sorted
1
2
5
8

-- IN and BETWEEN.
-- query
SELECT id FROM emp WHERE id IN (2, 4, 99);
-- expect sorted
2
4

-- query
SELECT id FROM emp WHERE id NOT IN (1, 2, 3, 4, 5);
-- expect sorted
6
7
8

-- query
SELECT id FROM emp WHERE dept IN ('hr', 'sales');
-- expect sorted
3
4
5
8

-- query
SELECT id FROM emp WHERE salary BETWEEN 75 AND 100;
-- expect sorted
2
3
4
8

-- query
SELECT id FROM emp WHERE salary NOT BETWEEN 75 AND 100;
-- expect sorted
1
5
6
7

-- query
SELECT id FROM emp WHERE salary BETWEEN 100 AND 75;
-- expect

-- query
SELECT id FROM emp WHERE hired BETWEEN DATE '2019-01-01' AND DATE '2020-12-31';
-- expect sorted
1
2
7
8

-- CASE, COALESCE, NULLIF.
-- query
SELECT id, CASE WHEN salary >= 100 THEN 'top' WHEN salary >= 80 THEN 'mid' ELSE 'low' END FROM emp ORDER BY id;
-- expect
1|top
2|top
3|mid
4|mid
5|low
6|low
7|top
8|low

-- query
SELECT id, CASE WHEN active THEN 'yes' END FROM emp WHERE id IN (3, 4, 6) ORDER BY id;
-- expect
3|NULL
4|yes
6|NULL

-- query
SELECT id, CASE dept WHEN 'eng' THEN 1 WHEN 'hr' THEN 2 ELSE 0 END AS code FROM emp ORDER BY id;
-- expect
1|1
2|1
3|0
4|0
5|2
6|0
7|1
8|2

-- query
SELECT id, COALESCE(dept, 'none'), COALESCE(bonus, 0.00), NULLIF(dept, 'eng') FROM emp WHERE id IN (1, 2, 6) ORDER BY id;
-- expect
1|eng|10.50|NULL
2|eng|0.00|NULL
6|none|0.00|NULL

-- query
SELECT COALESCE(NULL, NULL, 3), NULLIF(4, 5), NULLIF(5, 5);
-- expect
3|4|NULL

-- String functions.
-- query
SELECT UPPER(name), LOWER(name), CHAR_LENGTH(name) FROM emp WHERE id IN (1, 2) ORDER BY id;
-- expect
ALICE|alice|5
BOB|bob|3

-- query
SELECT SUBSTRING(name FROM 2 FOR 3), SUBSTRING(name FROM 3) FROM emp WHERE id = 3;
-- expect
aro|rol

-- query
SELECT TRIM(name), TRIM(LEADING ' ' FROM name), TRIM(TRAILING FROM name), CHAR_LENGTH(name), CHARACTER_LENGTH(TRIM(name)) FROM emp WHERE id = 7;
-- expect
Grace|'Grace '|'  Grace'|8|5

-- query
SELECT TRIM(BOTH 'x' FROM 'xxaxx'), TRIM(LEADING 'x' FROM 'xxaxx'), CHAR_LENGTH(''), POSITION('ce' IN 'Alice'), POSITION('z' IN 'Alice');
-- expect
a|axx|0|4|0

-- query
SELECT name || '@' || dept FROM emp WHERE id IN (1, 6) ORDER BY id;
-- expect
Alice@eng
NULL

-- query
SELECT UPPER(SUBSTRING(name FROM 1 FOR 1)) || LOWER(SUBSTRING(name FROM 2)) FROM emp WHERE id IN (2, 4) ORDER BY id;
-- expect
Bob
Dave

-- query
SELECT REPLACE(name, 'a', 'A'), CAST(salary AS VARCHAR(5)) || 'k' FROM emp WHERE id = 4;
-- expect
dAve|85k

-- Dates, times, timestamps.
-- query
SELECT id, hired FROM emp WHERE hired > DATE '2020-12-31' ORDER BY hired;
-- expect
4|2021-01-10
5|2022-02-28

-- query
SELECT id FROM emp WHERE hired IS NOT NULL ORDER BY hired DESC LIMIT 3;
-- expect
5
4
2

-- query
SELECT EXTRACT(YEAR FROM hired), EXTRACT(MONTH FROM hired), EXTRACT(DAY FROM hired) FROM emp WHERE id = 7;
-- expect
2020|2|29

-- query
SELECT CAST(hired + INTERVAL '1' DAY AS DATE), CAST(hired - INTERVAL '1' MONTH AS DATE) FROM emp WHERE id = 5;
-- expect
2022-03-01|2022-01-28

-- query
SELECT CAST(DATE '2020-02-29' + INTERVAL '1' YEAR AS DATE), CAST(DATE '2024-01-31' + INTERVAL '1' MONTH AS DATE), CAST(DATE '2024-03-01' - INTERVAL '1' DAY AS DATE);
-- expect
2021-02-28|2024-02-29|2024-02-29

-- query
SELECT TIMESTAMP '2024-01-02 03:04:05', CAST(TIMESTAMP '2024-01-02 23:30:00' + INTERVAL '45' MINUTE AS TIMESTAMP), CAST(TIMESTAMP '2024-01-02 03:04:05' AS DATE);
-- expect
2024-01-02 03:04:05|2024-01-03 00:15:00|2024-01-02

-- query
SELECT EXTRACT(HOUR FROM TIMESTAMP '2024-01-02 03:04:05'), EXTRACT(MINUTE FROM TIMESTAMP '2024-01-02 03:04:05'), TIME '10:30:00', TIME '10:30:00' < TIME '11:00:00';
-- expect
3|4|10:30:00|TRUE

-- query
SELECT CURRENT_DATE > DATE '2020-01-01', CURRENT_TIMESTAMP IS NOT NULL, CAST('2024-02-29' AS DATE) = DATE '2024-02-29';
-- expect
TRUE|TRUE|TRUE

-- CAST.
-- query
SELECT CAST('42' AS INTEGER) + 1, CAST(42 AS VARCHAR(5)) || 'x', CAST('3.25' AS DECIMAL(4,2)), CAST(7 AS DOUBLE) / 2, CAST(3.0 AS INTEGER);
-- expect
43|42x|3.25|3.5|3

-- query
SELECT CAST(salary AS DECIMAL(6,1)), CAST(salary AS DOUBLE), CAST(hired AS VARCHAR(10)), CAST('true' AS BOOLEAN) FROM emp WHERE id = 1;
-- expect
120.0|120.0|2019-03-15|TRUE

-- query
SELECT CAST('2024-01-02 03:04:05' AS TIMESTAMP), CAST('12:34:56' AS TIME), CAST(' 17 ' AS INTEGER);
-- expect
2024-01-02 03:04:05|12:34:56|17

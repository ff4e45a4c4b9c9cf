-- Transactions: BEGIN / START TRANSACTION, COMMIT, ROLLBACK, reading one's own writes, and two
-- sessions: uncommitted changes are invisible to the other session, committed ones visible to
-- its next transaction, a transaction reads one snapshot throughout (snapshot isolation), and a
-- write-write conflict fails one transaction with 40001 while the data stays consistent.
-- JDBC-level autocommit/commit/rollback too. Each session starts in autocommit mode.
-- PostgreSQL validates this file with default_transaction_isolation = 'repeatable read'.

-- ok
CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL);

-- rows 2
INSERT INTO acct VALUES (1, 100), (2, 100);

-- BEGIN ... COMMIT; uncommitted changes are visible only to their own transaction.
-- ok
BEGIN;

-- rows 1
UPDATE acct SET bal = bal - 30 WHERE id = 1;

-- rows 1
UPDATE acct SET bal = bal + 30 WHERE id = 2;

-- query
SELECT id, bal FROM acct ORDER BY id;
-- expect
1|70
2|130

-- session B
-- query
SELECT id, bal FROM acct ORDER BY id;
-- expect
1|100
2|100

-- session A
-- ok
COMMIT;

-- session B
-- query
SELECT id, bal FROM acct ORDER BY id;
-- expect
1|70
2|130

-- ROLLBACK undoes inserts, deletes and updates.
-- session A
-- ok
BEGIN;

-- rows 1
INSERT INTO acct VALUES (3, 50);

-- rows 1
DELETE FROM acct WHERE id = 1;

-- rows 1
UPDATE acct SET bal = 0 WHERE id = 2;

-- query
SELECT id, bal FROM acct ORDER BY id;
-- expect
2|0
3|50

-- query
SELECT COUNT(*), SUM(bal) FROM acct WHERE id IN (1, 3);
-- expect
1|50

-- ok
ROLLBACK;

-- query
SELECT id, bal FROM acct ORDER BY id;
-- expect
1|70
2|130

-- START TRANSACTION is a synonym of BEGIN.
-- ok
START TRANSACTION;

-- rows 1
INSERT INTO acct VALUES (3, 1);

-- ok
COMMIT;

-- query
SELECT COUNT(*) FROM acct;
-- expect
3

-- A transaction reads one snapshot: later commits by others are invisible to it, including
-- new rows.
-- session B
-- ok
BEGIN;

-- query
SELECT bal FROM acct WHERE id = 1;
-- expect
70

-- session A
-- rows 1
UPDATE acct SET bal = 75 WHERE id = 1;

-- rows 1
INSERT INTO acct VALUES (4, 10);

-- session B
-- query
SELECT bal FROM acct WHERE id = 1;
-- expect
70

-- query
SELECT COUNT(*) FROM acct;
-- expect
3

-- ok
COMMIT;

-- query
SELECT bal FROM acct WHERE id = 1;
-- expect
75

-- query
SELECT COUNT(*) FROM acct;
-- expect
4

-- Write-write conflict: B read the row, A committed a change to it, then B writes it. B fails
-- with 40001 (at the write or at its commit) and A's change stays: no lost update.
-- session A
-- ok
BEGIN;

-- rows 1
UPDATE acct SET bal = bal + 1 WHERE id = 1;

-- session B
-- ok
BEGIN;

-- query
SELECT bal FROM acct WHERE id = 1;
-- expect
75

-- session A
-- ok
COMMIT;

-- session B
-- conflict 40001
UPDATE acct SET bal = bal + 100 WHERE id = 1;
COMMIT;
-- end

-- query
SELECT bal FROM acct WHERE id = 1;
-- expect
76

-- Writes to different rows do not conflict.
-- session A
-- ok
BEGIN;

-- rows 1
UPDATE acct SET bal = bal + 1 WHERE id = 3;

-- session B
-- ok
BEGIN;

-- rows 1
UPDATE acct SET bal = bal + 1 WHERE id = 4;

-- session A
-- ok
COMMIT;

-- session B
-- ok
COMMIT;

-- query
SELECT id, bal FROM acct WHERE id IN (3, 4) ORDER BY id;
-- expect
3|2
4|11

-- Both write the same row before either commits: the first to commit wins, the second fails
-- at its commit. PostgreSQL and H2 lock the row instead (B's UPDATE would wait), so B's steps
-- run on NoKV only.
-- session A
-- ok
BEGIN;

-- rows 1
UPDATE acct SET bal = bal - 5 WHERE id = 2;

-- session B
-- skipif postgresql,h2
-- ok
BEGIN;

-- skipif postgresql,h2
-- rows 1
UPDATE acct SET bal = bal + 5 WHERE id = 2;

-- session A
-- ok
COMMIT;

-- session B
-- skipif postgresql,h2
-- conflict 40001
COMMIT;
-- end

-- query
SELECT bal FROM acct WHERE id = 2;
-- expect
125

-- JDBC autocommit off, rollback() and commit().
-- session A
-- autocommit off

-- rows 1
UPDATE acct SET bal = 0 WHERE id = 3;

-- query
SELECT bal FROM acct WHERE id = 3;
-- expect
0

-- session B
-- query
SELECT bal FROM acct WHERE id = 3;
-- expect
2

-- session A
-- rollback

-- query
SELECT bal FROM acct WHERE id = 3;
-- expect
2

-- rows 1
UPDATE acct SET bal = 5 WHERE id = 3;

-- commit

-- session B
-- query
SELECT bal FROM acct WHERE id = 3;
-- expect
5

-- session A
-- autocommit on

-- A reader sees a consistent total while another session moves money.
-- session B
-- ok
BEGIN;

-- query
SELECT SUM(bal) FROM acct;
-- expect
217

-- session A
-- ok
BEGIN;

-- rows 1
UPDATE acct SET bal = bal - 10 WHERE id = 1;

-- rows 1
UPDATE acct SET bal = bal + 10 WHERE id = 2;

-- ok
COMMIT;

-- session B
-- query
SELECT SUM(bal) FROM acct;
-- expect
217

-- query
SELECT bal FROM acct WHERE id = 1;
-- expect
76

-- ok
COMMIT;

-- query
SELECT id, bal FROM acct WHERE id <= 2 ORDER BY id;
-- expect
1|66
2|135

-- A row inserted and deleted in one transaction leaves nothing behind.
-- session A
-- ok
BEGIN;

-- rows 1
INSERT INTO acct VALUES (5, 1);

-- rows 1
DELETE FROM acct WHERE id = 5;

-- ok
COMMIT;

-- query
SELECT COUNT(*) FROM acct WHERE id = 5;
-- expect
0

-- An uncommitted insert is invisible to the other session until the commit.
-- ok
BEGIN;

-- rows 1
INSERT INTO acct VALUES (6, 6);

-- session B
-- query
SELECT COUNT(*) FROM acct WHERE id = 6;
-- expect
0

-- session A
-- ok
COMMIT;

-- session B
-- query
SELECT COUNT(*) FROM acct WHERE id = 6;
-- expect
1

-- The final state, from both sessions.
-- query
SELECT id, bal FROM acct ORDER BY id;
-- expect
1|66
2|135
3|5
4|11
6|6

-- session A
-- query
SELECT COUNT(*), SUM(bal) FROM acct;
-- expect
5|223

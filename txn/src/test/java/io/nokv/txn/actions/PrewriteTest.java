package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.PrewriteResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two-phase prewrite, case by case (one-phase commit is in {@link OnePhaseCommitTest}). */
class PrewriteTest extends ActionTestHarness {

  @Test
  void freshKeyIsLockedWithTheTransactionsProperties() {
    mustPrewrite(List.of(Mutation.put(k("k"), k("v")), Mutation.put(k("p"), k("pv"))), k("p"), 10, 5000);

    Lock lock = mustLocked("k", 10);
    assertEquals(MutationKind.PUT, lock.kind());
    assertArrayEquals(k("p"), lock.primary());
    assertEquals(5000, lock.ttlMillis());
    assertEquals(11, lock.minCommitTs(), "min_commit_ts defaults to start_ts + 1");
    assertEquals(2, lock.txnSize());
    assertArrayEquals(k("v"), lock.shortValue());
    mustLocked("p", 10);
    assertTrue(writesOf("k").isEmpty(), "a prewrite writes no write record");
    mustGetNone("k", 9);
  }

  @Test
  void deleteAndLockMutationsLeaveLocksWithoutValues() {
    mustPrewriteDelete("d", "d", 10);
    mustPrewriteLock("l", "d", 10);

    Lock d = mustLocked("d", 10);
    assertEquals(MutationKind.DELETE, d.kind());
    assertNull(d.shortValue());
    Lock l = mustLocked("l", 10);
    assertEquals(MutationKind.LOCK, l.kind());
    assertNull(l.shortValue());
    assertEquals(0, countSpace(MvccKeys.DATA));
  }

  @Test
  void writeConflictWhenACommitNewerThanStartTsExists() {
    mustPrewritePut("k", "v1", "k", 10);
    mustCommit("k", 10, 20);

    KeyError e = mustPrewriteErr(Mutation.put(k("k"), k("v2")), "k", 15);

    KeyError.WriteConflict c = expectError(KeyError.WriteConflict.class, e);
    assertArrayEquals(k("k"), c.key());
    assertEquals(15, c.startTs());
    assertEquals(10, c.conflictStartTs());
    assertEquals(20, c.conflictCommitTs());
    mustUnlocked("k");
  }

  @Test
  void writeConflictNamesTheNewestConflictingCommit() {
    mustPrewritePut("k", "v1", "k", 10);
    mustCommit("k", 10, 20);
    mustPrewriteDelete("k", "k", 30);
    mustCommit("k", 30, 40);

    KeyError.WriteConflict c =
        expectError(KeyError.WriteConflict.class, mustPrewriteErr(Mutation.put(k("k"), k("x")), "k", 5));
    assertEquals(30, c.conflictStartTs());
    assertEquals(40, c.conflictCommitTs());
  }

  @Test
  void noConflictWithAnOlderCommit() {
    mustPrewritePut("k", "v1", "k", 10);
    mustCommit("k", 10, 20);

    mustPrewritePut("k", "v2", "k", 25);

    mustLocked("k", 25);
    mustGet("k", 24, "v1");
  }

  @Test
  void keyIsLockedCarriesTheLocksInfo() {
    mustPrewritePutTtl("k", "v1", "p", 10, 7000);

    KeyError e = mustPrewriteErr(Mutation.put(k("k"), k("v2")), "k", 20);

    LockInfo info = expectError(KeyError.KeyIsLocked.class, e).lock();
    assertArrayEquals(k("k"), info.key());
    assertArrayEquals(k("p"), info.primary());
    assertEquals(10, info.startTs());
    assertEquals(7000, info.ttlMillis());
    assertEquals(MutationKind.PUT, info.kind());
    assertEquals(11, info.minCommitTs());
    assertArrayEquals(k("v1"), mustLocked("k", 10).shortValue(), "the other lock is left as it was");
  }

  @Test
  void keyIsLockedEvenWhenTheLockIsNewerThanStartTs() {
    mustPrewriteLock("k", "k", 30);

    LockInfo info = expectError(KeyError.KeyIsLocked.class, mustPrewriteErr(Mutation.delete(k("k")), "k", 20)).lock();
    assertEquals(30, info.startTs());
    assertEquals(MutationKind.LOCK, info.kind());
  }

  @Test
  void everyLockOfAMultiKeyRequestIsReportedAndNothingIsWritten() {
    mustPrewritePut("a", "1", "a", 10);
    mustPrewriteDelete("c", "c", 12);

    List<KeyError> errors =
        mustPrewriteErrs(
            List.of(Mutation.put(k("a"), k("x")), Mutation.put(k("b"), k("y")), Mutation.put(k("c"), k("z"))),
            k("a"),
            20);

    assertEquals(2, errors.size(), () -> messages(errors));
    LockInfo a = expectError(KeyError.KeyIsLocked.class, errors.get(0)).lock();
    LockInfo c = expectError(KeyError.KeyIsLocked.class, errors.get(1)).lock();
    assertArrayEquals(k("a"), a.key());
    assertEquals(10, a.startTs());
    assertArrayEquals(k("c"), c.key());
    assertEquals(12, c.startTs());
    assertEquals(MutationKind.DELETE, c.kind());
    mustUnlocked("b");
    mustLocked("a", 10);
    mustLocked("c", 12);
  }

  @Test
  void aConflictOnOneKeyWritesNoLockOnTheOthers() {
    mustPrewritePut("b", "1", "b", 10);
    mustCommit("b", 10, 20);

    List<KeyError> errors =
        mustPrewriteErrs(List.of(Mutation.put(k("a"), k("x")), Mutation.put(k("b"), k("y"))), k("a"), 15);

    assertEquals(1, errors.size());
    expectError(KeyError.WriteConflict.class, errors.get(0));
    mustUnlocked("a");
    mustUnlocked("b");
  }

  @Test
  void retriedPrewriteOfTheSameTransactionSucceedsWithOneLock() {
    mustPrewritePut("k", "v", "k", 10);
    byte[] before = store.db().get(MvccKeys.lockKey(k("k")));

    mustPrewritePut("k", "v", "k", 10);

    assertArrayEquals(before, store.db().get(MvccKeys.lockKey(k("k"))), "the retry leaves the lock as it was");
    assertEquals(1, countSpace(MvccKeys.LOCK));
    assertEquals(
        Prewrite.Check.ALREADY_DONE,
        withReader(r -> Prewrite.check(r, props("k", 10), Mutation.put(k("k"), k("v")))));
  }

  @Test
  void retryAfterTheTransactionCommittedSucceedsAndWritesNothing() {
    mustPrewritePut("k", "v", "k", 10);
    mustCommit("k", 10, 20);

    mustPrewritePut("k", "v", "k", 10);

    mustUnlocked("k");
    assertEquals(1, writesOf("k").size());
    mustWritten("k", 20, 10, MutationKind.PUT);
  }

  @Test
  void latePrewriteAfterARollbackRecordIsTxnAborted() {
    mustRollback("k", 10);

    KeyError e = mustPrewriteErr(Mutation.put(k("k"), k("v")), "k", 10);

    KeyError.TxnAborted a = expectError(KeyError.TxnAborted.class, e);
    assertArrayEquals(k("k"), a.key());
    assertEquals(10, a.startTs());
    mustUnlocked("k");
  }

  @Test
  void insertOfAnExistingKeyIsAlreadyExists() {
    mustPrewritePut("k", "v", "k", 10);
    mustCommit("k", 10, 20);

    KeyError e = mustPrewriteErr(Mutation.insert(k("k"), k("v2")), "k", 30);

    assertArrayEquals(k("k"), expectError(KeyError.AlreadyExists.class, e).key());
    mustUnlocked("k");
  }

  @Test
  void insertSeesThroughLockAndRollbackRecordsToTheValue() {
    mustPrewritePut("k", "v", "k", 10);
    mustCommit("k", 10, 20);
    mustPrewriteLock("k", "k", 30);
    mustCommit("k", 30, 40);
    mustRollback("k", 50);

    expectError(KeyError.AlreadyExists.class, mustPrewriteErr(Mutation.insert(k("k"), k("v2")), "k", 60));
  }

  @Test
  void insertOfADeletedKeySucceeds() {
    mustPrewritePut("k", "v", "k", 10);
    mustCommit("k", 10, 20);
    mustPrewriteDelete("k", "k", 30);
    mustCommit("k", 30, 40);

    mustPrewriteInsert("k", "v2", "k", 50);
    mustCommit("k", 50, 60);

    mustGet("k", 60, "v2");
    mustGetNone("k", 45);
  }

  @Test
  void insertOfANeverWrittenKeySucceeds() {
    mustPrewriteInsert("k", "v", "k", 10);

    assertEquals(MutationKind.PUT, mustLocked("k", 10).kind());
  }

  @Test
  void rollbackRecordsOfOtherTransactionsAreNotConflicts() {
    mustPrewritePut("k", "v", "k", 30);
    mustRollback("k", 30);
    mustRollback("k", 40); // a protective rollback with no lock

    mustPrewritePut("k", "v2", "k", 20);

    mustLocked("k", 20);
  }

  @Test
  void aLockRecordCommittedAfterStartTsIsAConflict() {
    mustPrewriteLock("k", "k", 30);
    mustCommit("k", 30, 40);
    mustWritten("k", 40, 30, MutationKind.LOCK);

    KeyError.WriteConflict c =
        expectError(KeyError.WriteConflict.class, mustPrewriteErr(Mutation.put(k("k"), k("v")), "k", 20));
    assertEquals(30, c.conflictStartTs());
    assertEquals(40, c.conflictCommitTs());
  }

  @Test
  void aValueOf255BytesIsKeptInTheLockAndTheWriteRecord() {
    byte[] v = value(Write.SHORT_VALUE_MAX, 1);
    mustPrewritePut(k("k"), v, k("k"), 10);

    assertArrayEquals(v, mustLocked("k", 10).shortValue());
    mustData("k", 10, null);
    assertEquals(0, countSpace(MvccKeys.DATA));

    mustCommit("k", 10, 20);
    assertArrayEquals(v, mustWritten("k", 20, MutationKind.PUT).shortValue());
    mustGet(k("k"), 20, v);
  }

  @Test
  void aValueOf256BytesGoesToTheDataSpaceAtStartTs() {
    byte[] v = value(Write.SHORT_VALUE_MAX + 1, 2);
    mustPrewritePut(k("k"), v, k("k"), 10);

    assertNull(mustLocked("k", 10).shortValue());
    mustData("k", 10, v);
    assertEquals(List.of(10L), dataOf("k"));

    mustCommit("k", 10, 20);
    Write w = mustWritten("k", 20, MutationKind.PUT);
    assertNull(w.shortValue());
    assertEquals(10, w.startTs(), "the write record points at the data by start ts");
    mustGet(k("k"), 20, v);
  }

  @Test
  void anEmptyValueIsAShortValueNotAMissingOne() {
    mustPrewritePut(k("k"), new byte[0], k("k"), 10);

    byte[] shortValue = mustLocked("k", 10).shortValue();
    assertNotNull(shortValue);
    assertEquals(0, shortValue.length);
    mustCommit("k", 10, 20);
    mustGet(k("k"), 20, new byte[0]);
  }

  @Test
  void prewriteResponseIsOkWithoutOnePcTs() {
    PrewriteResponse r = prewrite(List.of(Mutation.put(k("k"), k("v"))), k("k"), 10);
    assertTrue(r.ok());
    assertEquals(0, r.onePcCommitTs());
    mustLocked("k", 10);
  }

  private static TxnProps props(String primary, long startTs) {
    return new TxnProps(k(primary), startTs, TTL, 1, startTs + 1);
  }
}

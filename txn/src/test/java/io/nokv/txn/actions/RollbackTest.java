package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.Mutation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rollback of one transaction's keys. */
class RollbackTest extends ActionTestHarness {

  @Test
  void removesTheLockAndLeavesARollbackRecordAtStartTs() {
    mustPrewritePut("k", "v", "k", 10);

    mustRollback("k", 10);

    mustUnlocked("k");
    mustRolledBack("k", 10);
    assertEquals(1, writesOf("k").size());
    mustGetNone("k", 100);
  }

  @Test
  void removesTheDataOfALongValue() {
    byte[] v = value(3000, 5);
    mustPrewritePut(k("k"), v, k("k"), 10);
    mustData("k", 10, v);

    mustRollback("k", 10);

    mustData("k", 10, null);
    assertEquals(0, countSpace(MvccKeys.DATA));
    mustUnlocked("k");
    mustRolledBack("k", 10);
  }

  @Test
  void leavesTheDataOfOlderCommittedVersions() {
    byte[] old = value(3000, 6);
    mustPrewritePut(k("k"), old, k("k"), 10);
    mustCommit("k", 10, 20);
    mustPrewritePut(k("k"), value(3000, 7), k("k"), 30);

    mustRollback("k", 30);

    assertEquals(List.of(10L), dataOf("k"));
    mustGet(k("k"), 40, old);
  }

  @Test
  void rollsBackDeleteAndLockLocks() {
    mustPrewriteDelete("d", "d", 10);
    mustPrewriteLock("l", "d", 10);

    KeyError e = store.batchRollback(CTX, List.of(k("d"), k("l")), 10);

    assertNull(e);
    mustUnlocked("d");
    mustUnlocked("l");
    mustRolledBack("d", 10);
    mustRolledBack("l", 10);
  }

  @Test
  void aLatePrewriteOfTheRolledBackTransactionIsTxnAborted() {
    mustPrewritePut("k", "v", "k", 10);
    mustRollback("k", 10);

    expectError(KeyError.TxnAborted.class, mustPrewriteErr(Mutation.put(k("k"), k("v")), "k", 10));
    expectError(KeyError.TxnAborted.class, mustCommitErr("k", 10, 20));
    mustUnlocked("k");
  }

  @Test
  void rollbackOfANeverPrewrittenKeyLeavesAProtectiveRecord() {
    mustRollback("k", 10);

    mustRolledBack("k", 10);
    mustUnlocked("k");
    KeyError.TxnAborted e =
        expectError(KeyError.TxnAborted.class, mustPrewriteErr(Mutation.put(k("k"), k("late")), "k", 10));
    assertEquals(10, e.startTs());
  }

  @Test
  void rollingBackTwiceSucceeds() {
    mustPrewritePut("k", "v", "k", 10);
    mustRollback("k", 10);

    mustRollback("k", 10);
    mustRollback("k", 10);

    assertEquals(1, writesOf("k").size());
    mustRolledBack("k", 10);
  }

  @Test
  void rollbackOfACommittedTransactionIsAlreadyCommitted() {
    mustPrewritePut("k", "v", "k", 10);
    mustCommit("k", 10, 20);

    KeyError.AlreadyCommitted e = expectError(KeyError.AlreadyCommitted.class, mustRollbackErr("k", 10));

    assertArrayEquals(k("k"), e.key());
    assertEquals(10, e.startTs());
    assertEquals(20, e.commitTs());
    mustNotWritten("k", 10);
    mustGet("k", 20, "v");
  }

  @Test
  void doesNotTouchAnotherTransactionsLock() {
    byte[] v = value(1000, 8);
    mustPrewritePut(k("k"), v, k("k"), 10);

    mustRollback("k", 20);

    mustLocked("k", 10);
    mustData("k", 10, v);
    mustRolledBack("k", 20);
    mustCommit("k", 10, 30); // the other transaction can still commit
    mustGet(k("k"), 30, v);
  }

  @Test
  void aFailingKeyFailsTheWholeBatch() {
    mustPrewritePut("a", "1", "a", 10);
    mustPrewritePut("b", "2", "a", 10);
    mustCommit("b", 10, 20);

    KeyError e = store.batchRollback(CTX, List.of(k("a"), k("b")), 10);

    expectError(KeyError.AlreadyCommitted.class, e);
    mustLocked("a", 10);
    mustNotWritten("a", 10);
  }

  @Test
  void keepsACommitRecordStoredAtTheSameTimestamp() {
    // Only possible with timestamps not from one oracle: the action keeps the commit rather than overwrite it.
    mustPrewritePut("k", "v", "k", 5);
    mustCommit("k", 5, 10);

    mustRollback("k", 10);

    mustWritten("k", 10, 5, MutationKind.PUT);
    mustGet("k", 10, "v");
  }

  @Test
  void theActionRemovesLockAndDataInOneBatch() {
    mustPrewritePut(k("k"), value(400, 9), k("k"), 10);

    act((r, w) -> {
      Rollback.rollback(r, w, k("k"), 10);
      assertEquals(3, w.count(), "delete lock, delete data, put rollback record");
    });

    mustUnlocked("k");
    mustRolledBack("k", 10);
    assertEquals(0, countSpace(MvccKeys.DATA));
  }
}

package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccWrites;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.TxnStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The second phase, key by key. */
class CommitTest extends ActionTestHarness {

  @Test
  void turnsTheLockIntoAWriteRecordAtCommitTs() {
    mustPrewritePut("k", "v", "k", 10);

    mustCommit("k", 10, 20);

    mustUnlocked("k");
    Write w = mustWritten("k", 20, 10, MutationKind.PUT);
    assertArrayEquals(k("v"), w.shortValue());
    mustGet("k", 20, "v");
    mustGet("k", 25, "v");
    mustGetNone("k", 19);
  }

  @Test
  void keepsTheDataOfALongValue() {
    byte[] v = value(5000, 4);
    mustPrewritePut(k("k"), v, k("k"), 10);

    mustCommit("k", 10, 20);

    assertEquals(List.of(10L), dataOf("k"));
    mustGet(k("k"), 20, v);
  }

  @Test
  void commitsDeleteAndLockKinds() {
    mustPrewritePut("k", "v", "k", 10);
    mustCommit("k", 10, 20);
    mustPrewriteLock("k", "k", 30);
    mustCommit("k", 30, 40);
    mustPrewriteDelete("k", "k", 50);

    mustCommit("k", 50, 60);

    mustWritten("k", 40, 30, MutationKind.LOCK);
    mustWritten("k", 60, 50, MutationKind.DELETE);
    mustGet("k", 45, "v");
    mustGetNone("k", 60);
  }

  @Test
  void committingAgainSucceedsAndWritesNothing() {
    mustPrewritePut("k", "v", "k", 10);
    mustCommit("k", 10, 20);

    mustCommit("k", 10, 20);
    mustCommit("k", 10, 21); // a retry with another commit ts still finds the commit record

    assertEquals(1, writesOf("k").size());
    mustWritten("k", 20, 10, MutationKind.PUT);
  }

  @Test
  void commitAfterRollbackIsTxnAborted() {
    mustPrewritePut("k", "v", "k", 10);
    mustRollback("k", 10);

    KeyError.TxnAborted e = expectError(KeyError.TxnAborted.class, mustCommitErr("k", 10, 20));

    assertArrayEquals(k("k"), e.key());
    assertEquals(10, e.startTs());
    mustNotWritten("k", 20);
    mustGetNone("k", 30);
  }

  @Test
  void commitWithNoLockAndNoRecordIsTxnLockNotFound() {
    KeyError.TxnLockNotFound e = expectError(KeyError.TxnLockNotFound.class, mustCommitErr("k", 10, 20));

    assertArrayEquals(k("k"), e.key());
    assertEquals(10, e.startTs());
    assertEquals(0, writesOf("k").size());
  }

  @Test
  void anotherTransactionsLockIsNotOurs() {
    mustPrewritePut("k", "v", "k", 15);

    expectError(KeyError.TxnLockNotFound.class, mustCommitErr("k", 10, 20));

    mustLocked("k", 15);
    assertEquals(0, writesOf("k").size());
  }

  @Test
  void aRecordOfAnotherTransactionIsNotOurs() {
    mustPrewritePut("k", "v", "k", 15);
    mustCommit("k", 15, 20);

    expectError(KeyError.TxnLockNotFound.class, mustCommitErr("k", 10, 25));
  }

  @Test
  void commitTsBelowAPushedMinCommitTsIsCommitTsExpired() {
    mustPrewritePut("k", "v", "k", 10);
    TxnStatus s = mustCheckTxnStatus("k", 10, 30, 10, false);
    assertEquals(31, assertInstanceOf(TxnStatus.Locked.class, s).lock().minCommitTs());

    KeyError.CommitTsExpired e = expectError(KeyError.CommitTsExpired.class, mustCommitErr("k", 10, 25));

    assertArrayEquals(k("k"), e.key());
    assertEquals(10, e.startTs());
    assertEquals(25, e.commitTs());
    assertEquals(31, e.minCommitTs());
    mustLocked("k", 10);
    mustNotWritten("k", 25);
    assertEquals(31, expectError(KeyError.CommitTsExpired.class, mustCommitErr("k", 10, 30)).minCommitTs());
  }

  @Test
  void commitTsAtOrAboveMinCommitTsSucceeds() {
    mustPrewritePut("k", "v", "k", 10);
    mustCheckTxnStatus("k", 10, 30, 10, false);

    mustCommit("k", 10, 31);

    mustWritten("k", 31, 10, MutationKind.PUT);
    mustGetNone("k", 30);
    mustGet("k", 31, "v");
  }

  @Test
  void minCommitTsFromThePrewriteRequestIsEnforced() {
    mustPrewritePut("k", "v", "k", 10);

    assertEquals(11, mustLocked("k", 10).minCommitTs());
    mustCommit("k", 10, 11);
  }

  @Test
  void aFailingKeyFailsTheWholeBatch() {
    mustPrewritePut("a", "1", "a", 10);
    mustPrewritePut("c", "3", "a", 10);

    KeyError e = store.commit(CTX, List.of(k("a"), k("b"), k("c")), 10, 20);

    expectError(KeyError.TxnLockNotFound.class, e);
    assertArrayEquals(k("b"), e.key());
    mustLocked("a", 10);
    mustLocked("c", 10);
    mustNotWritten("a", 20);
  }

  @Test
  void commitTsNotAboveStartTsIsRejected() {
    mustPrewritePut("k", "v", "k", 10);

    assertThrows(IllegalArgumentException.class, () -> store.commit(CTX, List.of(k("k")), 10, 10));
    mustLocked("k", 10);
  }

  @Test
  void theActionWritesTheRecordAndDeletesTheLockInOneBatch() {
    mustPrewritePut("k", "v", "k", 10);
    MvccWrites writes = new MvccWrites();

    withReader(r -> {
      Commit.commit(r, writes, k("k"), 10, 20);
      return null;
    });

    assertEquals(2, writes.count());
    mustLocked("k", 10); // nothing applied yet
    store.db().write(writes.batch());
    mustUnlocked("k");
    assertArrayEquals(k("v"), mustWritten("k", 20, 10, MutationKind.PUT).shortValue());
  }
}

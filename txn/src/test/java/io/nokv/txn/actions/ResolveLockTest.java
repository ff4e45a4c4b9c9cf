package io.nokv.txn.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resolving the secondaries of a transaction whose primary decided: transaction 10 (primary "p",
 * secondaries "s1" long value, "s2" delete, "s3" lock-only), with transaction 12 holding "x" and
 * transaction 15 holding "y" in the same region.
 */
class ResolveLockTest extends ActionTestHarness {
  private static final byte[] LONG = value(2048, 11);

  @BeforeEach
  void prewriteTransactions() {
    mustPrewritePut("s2", "old", "s2", 2);
    mustCommit("s2", 2, 3);
    mustPrewrite(
        List.of(
            Mutation.put(k("p"), k("pv")),
            Mutation.put(k("s1"), LONG),
            Mutation.delete(k("s2")),
            Mutation.lock(k("s3"))),
        k("p"),
        10);
    mustPrewritePut("x", "xv", "x", 12);
    mustPrewritePut("y", "yv", "y", 15);
  }

  @Test
  void commitsExplicitSecondariesAtTheCommitTs() {
    mustCommit("p", 10, 20);

    mustResolveLock(10, 20, "s1", "s2", "s3");

    for (String key : List.of("s1", "s2", "s3")) {
      mustUnlocked(key);
    }
    mustWritten("s1", 20, 10, MutationKind.PUT);
    mustWritten("s2", 20, 10, MutationKind.DELETE);
    mustWritten("s3", 20, 10, MutationKind.LOCK);
    mustGet(k("s1"), 20, LONG);
    mustGetNone("s2", 20);
    mustGet("s2", 19, "old");
  }

  @Test
  void explicitKeysLeaveTheTransactionsOtherLocks() {
    mustResolveLock(10, 20, "s1");

    mustWritten("s1", 20, 10, MutationKind.PUT);
    mustLocked("p", 10);
    mustLocked("s2", 10);
  }

  @Test
  void anEmptyKeyListCommitsEveryLockOfTheTransactionInTheRegion() {
    mustResolveLock(10, 20);

    for (String key : List.of("p", "s1", "s2", "s3")) {
      mustUnlocked(key);
      mustWritten(key, 20, 10, kindOf(key));
    }
    mustLocked("x", 12);
    mustLocked("y", 15);
    List<LockInfo> left = store.scanLock(CTX, Long.MAX_VALUE, null, null, 100);
    assertEquals(List.of("x", "y"), left.stream().map(l -> new String(l.key())).toList());
  }

  @Test
  void rollsBackExplicitKeysWhenCommitTsIsZero() {
    mustResolveLock(10, 0, "s1", "s2");

    mustUnlocked("s1");
    mustUnlocked("s2");
    mustRolledBack("s1", 10);
    mustRolledBack("s2", 10);
    mustData("s1", 10, null);
    mustLocked("p", 10);
    mustGet("s2", 30, "old");
  }

  @Test
  void rollsBackEveryLockOfTheTransactionWhenKeysAreEmpty() {
    mustResolveLock(10, 0);

    for (String key : List.of("p", "s1", "s2", "s3")) {
      mustUnlocked(key);
      mustRolledBack(key, 10);
    }
    assertEquals(List.of(), dataOf("s1"));
    mustLocked("x", 12);
    mustLocked("y", 15);
  }

  @Test
  void leavesAnotherTransactionsLockOnAnExplicitKey() {
    mustResolveLock(10, 20, "x", "s1");
    mustResolveLock(10, 0, "y");

    otherTransactionsLocksIntact();
    mustNotWritten("x", 20);
    mustNotWritten("y", 10);
    mustWritten("s1", 20, 10, MutationKind.PUT);
  }

  @Test
  void resolvingAgainChangesNothing() {
    mustResolveLock(10, 20);
    int writes = countSpace(MvccKeys.WRITE);

    mustResolveLock(10, 20);
    mustResolveLock(10, 20, "p", "s1");
    mustResolveLock(10, 0, "s2"); // the lock is gone: a late rollback resolve must not undo the commit

    assertEquals(writes, countSpace(MvccKeys.WRITE));
    mustWritten("s2", 20, 10, MutationKind.DELETE);
    mustNotWritten("s2", 10);
  }

  @Test
  void resolvingTheRollbackAgainChangesNothing() {
    mustResolveLock(10, 0);
    int writes = countSpace(MvccKeys.WRITE);

    mustResolveLock(10, 0);

    assertEquals(writes, countSpace(MvccKeys.WRITE));
    otherTransactionsLocksIntact();
  }

  @Test
  void aTransactionWithNoLocksResolvesToNothing() {
    int writes = countSpace(MvccKeys.WRITE);

    mustResolveLock(99, 100);
    mustResolveLock(99, 0);

    assertEquals(writes, countSpace(MvccKeys.WRITE));
    assertEquals(6, countSpace(MvccKeys.LOCK));
  }

  @Test
  void theActionIgnoresAKeyWithoutTheTransactionsLock() {
    act((r, w) -> {
      ResolveLock.resolve(r, w, k("x"), 10, 20);
      ResolveLock.resolve(r, w, k("nothing"), 10, 20);
      assertEquals(0, w.count());
      ResolveLock.resolve(r, w, k("s3"), 10, 20);
      assertEquals(2, w.count());
    });

    mustUnlocked("s3");
    assertNull(mustWritten("s3", 20, 10, MutationKind.LOCK).shortValue());
  }

  private void otherTransactionsLocksIntact() {
    mustLocked("x", 12);
    mustLocked("y", 15);
  }

  private static MutationKind kindOf(String key) {
    return switch (key) {
      case "s2" -> MutationKind.DELETE;
      case "s3" -> MutationKind.LOCK;
      default -> MutationKind.PUT;
    };
  }
}

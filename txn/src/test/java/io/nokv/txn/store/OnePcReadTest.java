package io.nokv.txn.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Db;
import io.nokv.txn.rpc.GetResponse;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.PrewriteRequest;
import io.nokv.txn.rpc.PrewriteResponse;
import io.nokv.txn.rpc.ScanResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-phase commit has taken its commit timestamp but not yet written: a reader at a later
 * timestamp must wait for the write instead of reading the old value, or a second read in the
 * same snapshot would see a version appear below its read timestamp. The oracle is replaced by
 * one that parks the committer right after issuing the timestamp, so the window is held open
 * deterministically.
 */
class OnePcReadTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void readersWaitForAOnePhaseCommitThatHasItsTimestamp() throws Exception {
    AtomicLong clock = new AtomicLong(1_000);
    CountDownLatch issued = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    try (Db db = Db.open(dir)) {
      MvccStore store =
          new MvccStore(
              db,
              n -> {
                long ts = clock.addAndGet(10);
                if (Thread.currentThread().getName().equals("committer")) {
                  issued.countDown();
                  await(proceed);
                }
                return ts;
              });
      long startTs = clock.addAndGet(10);
      CompletableFuture<PrewriteResponse> commit = new CompletableFuture<>();
      Thread committer =
          new Thread(
              () ->
                  commit.complete(
                      store.prewrite(
                          new PrewriteRequest(
                              List.of(Mutation.put(b("k"), b("new"))), b("k"), startTs, 3000, 1, 0, true))),
              "committer");
      committer.start();
      assertTrue(issued.await(30, TimeUnit.SECONDS));
      long readTs = clock.get() + 5; // after the commit timestamp was issued

      CompletableFuture<GetResponse> get = CompletableFuture.supplyAsync(() -> store.get(b("k"), readTs, Set.of()));
      CompletableFuture<ScanResponse> scan =
          CompletableFuture.supplyAsync(() -> store.scan(null, null, 10, readTs, false, Set.of()));
      // Both readers must stay parked on the in-memory lock, not answer with the old state.
      assertThrows(
          TimeoutException.class,
          () -> CompletableFuture.anyOf(get, scan).get(500, TimeUnit.MILLISECONDS),
          "a reader answered while the one-phase commit was in flight");

      proceed.countDown();
      long commitTs = commit.get(30, TimeUnit.SECONDS).onePcCommitTs();
      assertTrue(commitTs > startTs && commitTs < readTs);
      assertArrayEquals(b("new"), get.get(30, TimeUnit.SECONDS).value());
      assertEquals(1, scan.get(30, TimeUnit.SECONDS).pairs().size());
      committer.join();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the committer");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

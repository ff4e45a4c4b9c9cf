package io.nokv.txn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.txn.rpc.PdClient;
import io.nokv.txn.rpc.Region;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TsoClientTest {
  /** An oracle with a network-like delay per call, counting its calls. */
  private static final class SlowPd implements PdClient {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicLong next = new AtomicLong(1);

    @Override
    public long getTimestamps(int count) {
      calls.incrementAndGet();
      try {
        Thread.sleep(1); // the round trip the batching saves
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return next.getAndAdd(count);
    }

    @Override
    public Region locate(byte[] key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Region locateBefore(byte[] end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long gcSafePoint() {
      return 0;
    }

    @Override
    public long updateGcSafePoint(long safePoint) {
      return safePoint;
    }
  }

  @Test
  void concurrentRequestsShareCallsAndGetDistinctIncreasingTimestamps() throws Exception {
    SlowPd pd = new SlowPd();
    TsoClient tso = new TsoClient(pd);
    int threads = 8;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      fs.add(
          pool.submit(
              () -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                  mine.add(tso.next());
                }
                return mine;
              }));
    }
    Set<Long> all = new HashSet<>();
    for (Future<List<Long>> f : fs) {
      List<Long> mine = f.get();
      for (int i = 1; i < mine.size(); i++) {
        assertTrue(mine.get(i) > mine.get(i - 1), "each thread sees increasing timestamps");
      }
      all.addAll(mine);
    }
    pool.shutdown();
    assertEquals(threads * perThread, all.size(), "no timestamp handed out twice");
    assertTrue(
        pd.calls.get() < threads * perThread / 2,
        "requests were batched: " + pd.calls.get() + " oracle calls for " + threads * perThread + " timestamps");
  }
}

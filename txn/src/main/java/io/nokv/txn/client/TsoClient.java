package io.nokv.txn.client;

import io.nokv.txn.rpc.PdClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands out timestamps, batching concurrent requests into one call to the oracle: the first
 * caller to find no request in flight becomes the fetcher, takes every waiting request, asks the
 * oracle for that many consecutive timestamps at once and hands them out; the others wait. No
 * background thread, and no extra latency for a lone caller.
 */
public final class TsoClient {
  private final PdClient pd;
  private final ConcurrentLinkedQueue<CompletableFuture<Long>> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean fetching = new AtomicBoolean();

  public TsoClient(PdClient pd) {
    this.pd = pd;
  }

  public long next() {
    CompletableFuture<Long> mine = new CompletableFuture<>();
    waiting.add(mine);
    while (!mine.isDone()) {
      if (fetching.compareAndSet(false, true)) {
        try {
          fetchForWaiting();
        } finally {
          fetching.set(false);
        }
      } else {
        Thread.onSpinWait();
        if (!mine.isDone()) {
          Thread.yield();
        }
      }
    }
    try {
      return mine.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a timestamp", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("timestamp request failed", c);
    }
  }

  private void fetchForWaiting() {
    List<CompletableFuture<Long>> batch = new ArrayList<>();
    for (CompletableFuture<Long> f; (f = waiting.poll()) != null; ) {
      batch.add(f);
    }
    if (batch.isEmpty()) {
      return;
    }
    long first;
    try {
      first = pd.getTimestamps(batch.size());
    } catch (RuntimeException e) {
      for (CompletableFuture<Long> f : batch) {
        f.completeExceptionally(e);
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).complete(first + i);
    }
  }
}

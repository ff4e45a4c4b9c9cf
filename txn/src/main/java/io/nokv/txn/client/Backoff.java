package io.nokv.txn.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter and a total budget, for waiting on locks and on regions. Not
 * thread-safe: one per retry loop.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final long budgetMillis;
  private final long startNanos = System.nanoTime();
  private long next;

  public Backoff(long baseMillis, long capMillis, long budgetMillis) {
    this.baseMillis = baseMillis;
    this.capMillis = capMillis;
    this.budgetMillis = budgetMillis;
    this.next = baseMillis;
  }

  /** Milliseconds spent since the loop began. */
  public long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * Sleeps for the next backoff step, but no longer than {@code atMostMillis} (when positive) and
   * the remaining budget. Returns false, without sleeping, once the budget is spent.
   */
  public boolean pause(long atMostMillis) {
    long remaining = budgetMillis - elapsedMillis();
    if (remaining <= 0) {
      return false;
    }
    long step = ThreadLocalRandom.current().nextLong(next / 2, next + 1);
    if (atMostMillis > 0) {
      step = Math.min(step, atMostMillis);
    }
    step = Math.max(1, Math.min(step, remaining));
    next = Math.min(capMillis, next * 2);
    try {
      Thread.sleep(step);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  public long baseMillis() {
    return baseMillis;
  }
}

package io.nokv.txn.mvcc;

/**
 * Hybrid timestamps: {@code physical milliseconds << 18 | logical}. The timestamp oracle issues
 * them; every start and commit timestamp of a transaction is one. 18 logical bits give 262,144
 * timestamps per millisecond before the oracle moves its physical part ahead of the clock.
 */
public final class Timestamps {
  private Timestamps() {}

  public static final int LOGICAL_BITS = 18;
  public static final long MAX_LOGICAL = (1L << LOGICAL_BITS) - 1;
  /** Reads at this timestamp see the newest committed version. */
  public static final long MAX = Long.MAX_VALUE;

  public static long compose(long physicalMillis, long logical) {
    if (logical < 0 || logical > MAX_LOGICAL) {
      throw new IllegalArgumentException("logical part out of range: " + logical);
    }
    return (physicalMillis << LOGICAL_BITS) | logical;
  }

  public static long physical(long ts) {
    return ts >>> LOGICAL_BITS;
  }

  public static long logical(long ts) {
    return ts & MAX_LOGICAL;
  }

  public static String toString(long ts) {
    return ts + "(" + physical(ts) + "ms+" + logical(ts) + ")";
  }
}

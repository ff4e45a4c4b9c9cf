package io.nokv.txn.store;

import io.nokv.kv.Db;
import io.nokv.kv.WriteOptions;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.Timestamps;
import java.util.function.LongSupplier;

/**
 * Issues hybrid timestamps (see {@link Timestamps}) that only grow, across restarts too.
 *
 * <p>Before it issues a timestamp whose physical part reaches the persisted limit, it durably
 * writes a new limit {@code window} milliseconds ahead (as PD does with its 3 s window). After a
 * restart it starts at the persisted limit or the clock, whichever is later, so no timestamp can
 * repeat even if the clock went backwards. One synced write per window, not per timestamp.
 *
 * <p>Record at {@code 'm' "tso"}: magic "TSO1" (4 bytes) | version u8 (=1) | limit-ms u64 | CRC32C u32 of the preceding bytes.
 */
public final class TimestampOracle {
  static final byte[] KEY = MvccKeys.metaKey("tso");
  private static final int MAGIC = 0x54534F31; // "TSO1"

  private final Db db;
  private final LongSupplier clock;
  private final long windowMillis;
  private long physical;
  private long logical;
  private long persistedLimit;

  public TimestampOracle(Db db, LongSupplier clockMillis, long windowMillis) {
    if (windowMillis <= 0) {
      throw new IllegalArgumentException("window must be positive: " + windowMillis);
    }
    this.db = db;
    this.clock = clockMillis;
    this.windowMillis = windowMillis;
    byte[] saved = db.get(KEY);
    long limit = saved == null ? 0 : LongRecord.decode(MAGIC, saved, "TSO");
    // Every timestamp issued before had a physical part below the saved limit.
    this.physical = Math.max(clockMillis.getAsLong(), limit);
    this.logical = 0;
    this.persistedLimit = limit;
    persist(physical + windowMillis);
  }

  /** The first of {@code count} consecutive timestamps. */
  public synchronized long next(int count) {
    if (count <= 0 || count > Timestamps.MAX_LOGICAL) {
      throw new IllegalArgumentException("count out of range: " + count);
    }
    long now = clock.getAsLong();
    if (now > physical) {
      physical = now;
      logical = 0;
    }
    if (logical + count > Timestamps.MAX_LOGICAL) {
      // This millisecond is used up: borrow the next one (the clock catches up).
      physical++;
      logical = 0;
    }
    if (physical >= persistedLimit) {
      persist(physical + windowMillis);
    }
    long first = Timestamps.compose(physical, logical);
    logical += count;
    return first;
  }

  private void persist(long limit) {
    db.put(WriteOptions.DEFAULT, KEY, LongRecord.encode(MAGIC, limit));
    persistedLimit = limit;
  }
}

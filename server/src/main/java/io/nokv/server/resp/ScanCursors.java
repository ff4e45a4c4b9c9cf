package io.nokv.server.resp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SCAN, HSCAN, SSCAN and ZSCAN cursors. Redis's cursors are numbers; ours name the position (the
 * next key or member, as bytes) kept here for 10 minutes (at most 100,000 open cursors). A cursor
 * that is unknown or expired is an error rather than a silent restart.
 */
public final class ScanCursors {
  private final AtomicLong next = new AtomicLong();
  private final Cache<Long, byte[]> positions =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  /** A new cursor number for the scan to continue at {@code position}. */
  public long save(byte[] position) {
    long id = next.incrementAndGet();
    positions.put(id, position);
    return id;
  }

  /** The position of cursor {@code id}, or null when it is unknown (expired, or never issued). */
  public byte[] position(long id) {
    return positions.getIfPresent(id);
  }
}

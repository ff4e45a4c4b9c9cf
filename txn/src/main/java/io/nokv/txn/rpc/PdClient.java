package io.nokv.txn.rpc;

/**
 * The placement driver as the client sees it: where a key lives, timestamps, and the GC safe point.
 * In-process it is the local store itself; in a cluster, the PD service.
 */
public interface PdClient {
  /** The region that holds {@code key}. */
  Region locate(byte[] key);

  /** The region holding the keys just below {@code end} (for reverse scans); null means the last region. */
  Region locateBefore(byte[] end);

  /** The first of {@code count} consecutive timestamps, each greater than any issued before (across restarts too). */
  long getTimestamps(int count);

  /** The current GC safe point (0 when GC never ran). */
  long gcSafePoint();

  /** Raises the safe point to {@code safePoint} if it is higher; returns the safe point now in force. */
  long updateGcSafePoint(long safePoint);
}

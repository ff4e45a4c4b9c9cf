package io.nokv.kv;

/**
 * Per-read settings: an optional {@link Snapshot} to read as of, iterator bounds
 * ({@code lowerBound} inclusive, {@code upperBound} exclusive, either may be null) and whether
 * blocks read go into the block cache.
 */
public final class ReadOptions {
  private Snapshot snapshot;
  private byte[] lowerBound;
  private byte[] upperBound;
  private boolean fillCache = true;

  public Snapshot snapshot() {
    return snapshot;
  }

  public ReadOptions setSnapshot(Snapshot snapshot) {
    this.snapshot = snapshot;
    return this;
  }

  public byte[] lowerBound() {
    return lowerBound;
  }

  /** Iterators skip keys below this (inclusive bound); null for none. */
  public ReadOptions setLowerBound(byte[] lowerBound) {
    this.lowerBound = lowerBound == null ? null : lowerBound.clone();
    return this;
  }

  public byte[] upperBound() {
    return upperBound;
  }

  /** Iterators stop before this key (exclusive bound); null for none. */
  public ReadOptions setUpperBound(byte[] upperBound) {
    this.upperBound = upperBound == null ? null : upperBound.clone();
    return this;
  }

  public boolean fillCache() {
    return fillCache;
  }

  public ReadOptions setFillCache(boolean fillCache) {
    this.fillCache = fillCache;
    return this;
  }
}

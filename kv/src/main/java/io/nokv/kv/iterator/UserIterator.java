package io.nokv.kv.iterator;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.DbClosedException;
import io.nokv.kv.DbIterator;
import io.nokv.kv.format.Bytes;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import java.util.Arrays;
import java.util.Objects;

/**
 * The user's view of an internal entry stream, after LevelDB's {@code db/db_iter.cc}: for each
 * user key it shows only the newest entry with sequence {@code <= readSeq}, and hides the key when
 * that entry is a DELETE or is covered by a range tombstone with a larger sequence that is itself
 * {@code <= readSeq}. Keys outside [lowerBound, upperBound) are never shown.
 *
 * <p>Two modes, as in LevelDB. Moving forward, the internal cursor sits on the entry being shown.
 * Moving backward, it sits just before all entries of the key being shown (on an entry of a
 * smaller key, or invalid), and that key's newest visible entry is held in {@code savedKey} /
 * {@code savedValue}; those are references into the internal cursor's arrays, which stay valid
 * after it moves. Switching direction re-positions the cursor at the other side of the current key.
 *
 * <p>{@link #key()} and {@link #value()} return fresh copies. Values of {@code VALUE_POINTER}
 * entries are resolved through the {@link ValueResolver} only when {@link #value()} is called (on
 * every call), so key-only scans never read the value log.
 *
 * <p>{@link #close()} closes the internal cursor, then runs {@code onClose} (once, even if closing
 * the cursor failed); any other call after it throws {@link DbClosedException}. Moving or reading
 * when not positioned throws {@link IllegalStateException}. An entry of a type that cannot occur in
 * the stream throws {@link CorruptionException} with file "(iterator)" and offset -1. Not
 * thread-safe.
 */
public final class UserIterator implements DbIterator {
  private static final String STREAM = "(iterator)";

  private final InternalIterator iter;
  private final long readSeq;
  private final RangeTombstoneSet tombstones;
  private final ValueResolver resolver;
  private final byte[] lowerBound;
  private final byte[] upperBound;
  /** Sorts before every entry of {@code upperBound}; null without an upper bound. */
  private final byte[] upperSeekKey;
  private final Runnable onClose;

  private boolean closed;
  private boolean valid;
  private boolean forward = true;
  /** Reverse mode only: the internal key and stored value of the entry being shown. */
  private byte[] savedKey;
  private byte[] savedValue;

  /**
   * @param internal the merged entry stream; owned (closed) by this iterator
   * @param readSeq only entries and tombstones with sequence {@code <= readSeq} are seen (clamped
   *     to [0, MAX_SEQUENCE])
   * @param tombstones all range tombstones of the sources merged into {@code internal}; null for none
   * @param resolver resolves VALUE_POINTER values; may be null when the stream has none
   * @param lowerBound inclusive lower bound on user keys, or null
   * @param upperBound exclusive upper bound on user keys, or null
   * @param onClose run once after the internal cursor is closed (e.g. unpinning files), or null
   */
  public UserIterator(
      InternalIterator internal,
      long readSeq,
      RangeTombstoneSet tombstones,
      ValueResolver resolver,
      byte[] lowerBound,
      byte[] upperBound,
      Runnable onClose) {
    this.iter = Objects.requireNonNull(internal, "internal");
    // Sequences never exceed MAX_SEQUENCE; clamping keeps seek keys well-formed for "read latest".
    this.readSeq = Math.max(0, Math.min(readSeq, InternalKey.MAX_SEQUENCE));
    this.tombstones = tombstones == null || tombstones.isEmpty() ? null : tombstones;
    this.resolver = resolver;
    this.lowerBound = lowerBound == null ? null : lowerBound.clone();
    this.upperBound = upperBound == null ? null : upperBound.clone();
    this.upperSeekKey = upperBound == null ? null : InternalKey.forSeek(upperBound, InternalKey.MAX_SEQUENCE);
    this.onClose = onClose;
  }

  @Override
  public boolean isValid() {
    checkOpen();
    return valid;
  }

  @Override
  public void seekToFirst() {
    checkOpen();
    if (lowerBound != null) {
      seekForward(lowerBound);
      return;
    }
    resetForward();
    iter.seekToFirst();
    findNextUserEntry(false, null);
  }

  @Override
  public void seekToLast() {
    checkOpen();
    forward = false;
    if (upperBound != null) {
      iter.seek(upperSeekKey);
      stepBackFromSeek();
    } else {
      iter.seekToLast();
    }
    findPrevUserEntry();
  }

  @Override
  public void seek(byte[] target) {
    checkOpen();
    Objects.requireNonNull(target, "target");
    seekForward(lowerBound != null && Bytes.compare(target, lowerBound) < 0 ? lowerBound : target);
  }

  @Override
  public void seekForPrev(byte[] target) {
    checkOpen();
    Objects.requireNonNull(target, "target");
    if (upperBound != null && Bytes.compare(target, upperBound) >= 0) {
      seekToLast();
      return;
    }
    forward = false;
    if (lowerBound != null && Bytes.compare(target, lowerBound) < 0) {
      clearPosition();
      return;
    }
    // target + 0x00 is the smallest user key above target: seek past all of target's entries.
    iter.seek(InternalKey.forSeek(Arrays.copyOf(target, target.length + 1), InternalKey.MAX_SEQUENCE));
    stepBackFromSeek();
    findPrevUserEntry();
  }

  /** After seeking to the first entry >= some key, moves to the last entry < that key. */
  private void stepBackFromSeek() {
    if (iter.isValid()) {
      iter.prev();
    } else {
      iter.seekToLast();
    }
  }

  private void seekForward(byte[] userKey) {
    resetForward();
    if (upperBound != null && Bytes.compare(userKey, upperBound) >= 0) {
      return;
    }
    // (userKey, readSeq, FOR_SEEK) skips the versions of userKey that are too new.
    iter.seek(InternalKey.forSeek(userKey, readSeq));
    findNextUserEntry(false, null);
  }

  private void resetForward() {
    forward = true;
    clearPosition();
  }

  private void clearPosition() {
    valid = false;
    savedKey = null;
    savedValue = null;
  }

  @Override
  public void next() {
    checkOpen();
    checkValid();
    byte[] skipKey;
    if (forward) {
      skipKey = iter.key();
      iter.next();
    } else {
      // The cursor is before the current key's entries: move into them, then skip them all.
      skipKey = savedKey;
      forward = true;
      savedKey = null;
      savedValue = null;
      if (iter.isValid()) {
        iter.next();
      } else {
        iter.seek(skipKey);
      }
    }
    findNextUserEntry(true, skipKey);
  }

  @Override
  public void prev() {
    checkOpen();
    checkValid();
    if (forward) {
      // The entries before the shown one that share its key are newer than readSeq, so the
      // backward scan passes over them: one step back puts the cursor "before the current key".
      iter.prev();
      forward = false;
    }
    findPrevUserEntry();
  }

  /**
   * Forward scan from the cursor to the first entry that is the newest visible version of a live
   * key; when {@code skipping}, user keys <= the user key of {@code skipKey} are passed over.
   */
  private void findNextUserEntry(boolean skipping, byte[] skipKey) {
    for (; iter.isValid(); iter.next()) {
      byte[] ikey = iter.key();
      if (upperBound != null && InternalKey.compareUserKey(ikey, upperBound) >= 0) {
        break;
      }
      long trailer = InternalKey.trailer(ikey);
      long seq = trailer >>> 8;
      if (seq > readSeq || (skipping && InternalKey.compareUserKeys(ikey, skipKey) <= 0)) {
        continue;
      }
      byte type = (byte) trailer;
      if (type == ValueType.DELETE || isCoveredByTombstone(ikey, seq)) {
        skipping = true; // older versions of this key are hidden too
        skipKey = ikey;
      } else if (type == ValueType.VALUE || type == ValueType.VALUE_POINTER) {
        valid = true;
        return;
      } else {
        throw unexpectedType(ikey);
      }
    }
    valid = false;
  }

  /**
   * Backward scan from the cursor: processes each key's visible versions oldest to newest, so the
   * state after a key's last entry reflects its newest visible version; stops at the first entry
   * of a smaller key once a live value is held, or at the lower bound.
   */
  private void findPrevUserEntry() {
    boolean haveValue = false;
    savedKey = null;
    savedValue = null;
    for (; iter.isValid(); iter.prev()) {
      byte[] ikey = iter.key();
      if (lowerBound != null && InternalKey.compareUserKey(ikey, lowerBound) < 0) {
        break;
      }
      long trailer = InternalKey.trailer(ikey);
      long seq = trailer >>> 8;
      if (seq > readSeq) {
        continue;
      }
      if (haveValue && InternalKey.compareUserKeys(ikey, savedKey) < 0) {
        break; // savedKey's newest visible version is live, and we are past it
      }
      byte type = (byte) trailer;
      if (type == ValueType.DELETE || isCoveredByTombstone(ikey, seq)) {
        haveValue = false;
        savedKey = null;
        savedValue = null;
      } else if (type == ValueType.VALUE || type == ValueType.VALUE_POINTER) {
        haveValue = true;
        savedKey = ikey;
        savedValue = iter.value();
      } else {
        throw unexpectedType(ikey);
      }
    }
    valid = haveValue;
    if (!haveValue) {
      forward = true;
    }
  }

  private boolean isCoveredByTombstone(byte[] ikey, long seq) {
    return tombstones != null && tombstones.maxCoveringSeqOfInternalKey(ikey, readSeq) > seq;
  }

  private static CorruptionException unexpectedType(byte[] ikey) {
    return new CorruptionException(
        STREAM,
        -1,
        "unexpected entry type " + InternalKey.type(ikey) + " in the entry stream at " + InternalKey.describe(ikey));
  }

  @Override
  public byte[] key() {
    checkOpen();
    checkValid();
    byte[] ikey = forward ? iter.key() : savedKey;
    return Arrays.copyOf(ikey, ikey.length - InternalKey.TRAILER_SIZE);
  }

  @Override
  public byte[] value() {
    checkOpen();
    checkValid();
    byte[] ikey;
    byte[] stored;
    if (forward) {
      ikey = iter.key();
      stored = iter.value();
    } else {
      ikey = savedKey;
      stored = savedValue;
    }
    if (InternalKey.type(ikey) != ValueType.VALUE_POINTER) {
      return stored.clone();
    }
    if (resolver == null) {
      throw new IllegalStateException(
          "value pointer at " + InternalKey.describe(ikey) + " but the iterator has no resolver");
    }
    return resolver.resolve(ikey, stored);
  }

  private void checkOpen() {
    if (closed) {
      throw new DbClosedException("iterator");
    }
  }

  private void checkValid() {
    if (!valid) {
      throw new IllegalStateException("iterator is not positioned at a key");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    clearPosition();
    RuntimeException failure = null;
    try {
      iter.close();
    } catch (RuntimeException e) {
      failure = e;
    }
    if (onClose != null) {
      try {
        onClose.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

package io.nokv.kv.iterator;

import io.nokv.kv.format.InternalKey;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Concatenates the files of one sorted level (non-overlapping, ordered by key) into one cursor,
 * opening a file's iterator only when the cursor enters it and closing the previous one, like
 * LevelDB's two-level iterator over a version's file list. {@link #seek} binary-searches the
 * files' largest keys, so it opens at most the file that can hold the target (plus following files
 * when that one turns out to hold nothing at or after it). Files whose iterator is empty are
 * skipped in both directions.
 *
 * <p>Holds at most one open file iterator, closed on {@link #close()} or when the cursor leaves the
 * file. Exceptions from {@code openFile} or the file iterators propagate. Not thread-safe.
 */
public final class LevelIterator implements InternalIterator {
  private final List<byte[]> smallestKeys;
  private final List<byte[]> largestKeys;
  private final IntFunction<InternalIterator> openFile;
  private final int fileCount;

  /** Index of the open file, -1 when none. */
  private int fileIndex = -1;
  private InternalIterator file;

  /**
   * @param smallestKeys smallest internal key of each file, in file order
   * @param largestKeys largest internal key of each file, in file order
   * @param openFile opens file i's iterator; the level iterator closes it
   */
  public LevelIterator(List<byte[]> smallestKeys, List<byte[]> largestKeys, IntFunction<InternalIterator> openFile) {
    if (smallestKeys.size() != largestKeys.size()) {
      throw new IllegalArgumentException(
          "smallest and largest key lists differ in size: " + smallestKeys.size() + " vs " + largestKeys.size());
    }
    this.smallestKeys = smallestKeys;
    this.largestKeys = largestKeys;
    this.openFile = openFile;
    this.fileCount = largestKeys.size();
  }

  @Override
  public boolean isValid() {
    return file != null && file.isValid();
  }

  @Override
  public void seekToFirst() {
    if (open(0)) {
      file.seekToFirst();
    }
    skipEmptyForward();
  }

  @Override
  public void seekToLast() {
    if (open(fileCount - 1)) {
      file.seekToLast();
    }
    skipEmptyBackward();
  }

  @Override
  public void seek(byte[] internalKey) {
    int i = firstFileWithLargestAtLeast(internalKey);
    if (open(i)) {
      if (InternalKey.compare(internalKey, smallestKeys.get(i)) <= 0) {
        file.seekToFirst(); // the whole file is at or after the target
      } else {
        file.seek(internalKey);
      }
    }
    skipEmptyForward();
  }

  @Override
  public void next() {
    checkValid();
    file.next();
    skipEmptyForward();
  }

  @Override
  public void prev() {
    checkValid();
    file.prev();
    skipEmptyBackward();
  }

  @Override
  public byte[] key() {
    checkValid();
    return file.key();
  }

  @Override
  public byte[] value() {
    checkValid();
    return file.value();
  }

  private void checkValid() {
    if (!isValid()) {
      throw new IllegalStateException("level iterator is not positioned at an entry");
    }
  }

  private int firstFileWithLargestAtLeast(byte[] internalKey) {
    int lo = 0;
    int hi = fileCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (InternalKey.compare(largestKeys.get(mid), internalKey) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void skipEmptyForward() {
    while (file != null && !file.isValid()) {
      if (open(fileIndex + 1)) {
        file.seekToFirst();
      }
    }
  }

  private void skipEmptyBackward() {
    while (file != null && !file.isValid()) {
      if (open(fileIndex - 1)) {
        file.seekToLast();
      }
    }
  }

  /**
   * Makes file {@code i} the open one (reusing it if already open); closes and forgets the open
   * file and returns false when {@code i} is outside the level.
   */
  private boolean open(int i) {
    if (i == fileIndex && file != null) {
      return true;
    }
    closeFile();
    if (i < 0 || i >= fileCount) {
      return false;
    }
    file = openFile.apply(i);
    fileIndex = i;
    return true;
  }

  private void closeFile() {
    InternalIterator f = file;
    file = null;
    fileIndex = -1;
    if (f != null) {
      f.close();
    }
  }

  @Override
  public void close() {
    closeFile();
  }
}

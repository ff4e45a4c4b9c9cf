package io.nokv.kv.iterator;

import java.util.concurrent.atomic.AtomicInteger;

/** Wraps an iterator and counts how many wrapped iterators are open (shared counter) and closes. */
class TrackingIterator implements InternalIterator {
  private final InternalIterator inner;
  private final AtomicInteger open;
  private boolean closed;
  int closes;

  TrackingIterator(InternalIterator inner, AtomicInteger open) {
    this.inner = inner;
    this.open = open;
    open.incrementAndGet();
  }

  private void checkOpen() {
    if (closed) {
      throw new AssertionError("iterator used after close");
    }
  }

  @Override
  public boolean isValid() {
    checkOpen();
    return inner.isValid();
  }

  @Override
  public void seekToFirst() {
    checkOpen();
    inner.seekToFirst();
  }

  @Override
  public void seekToLast() {
    checkOpen();
    inner.seekToLast();
  }

  @Override
  public void seek(byte[] internalKey) {
    checkOpen();
    inner.seek(internalKey);
  }

  @Override
  public void next() {
    checkOpen();
    inner.next();
  }

  @Override
  public void prev() {
    checkOpen();
    inner.prev();
  }

  @Override
  public byte[] key() {
    checkOpen();
    return inner.key();
  }

  @Override
  public byte[] value() {
    checkOpen();
    return inner.value();
  }

  @Override
  public void close() {
    closes++;
    if (!closed) {
      closed = true;
      open.decrementAndGet();
      inner.close();
    }
  }
}

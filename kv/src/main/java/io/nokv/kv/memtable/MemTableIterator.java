package io.nokv.kv.memtable;

import io.nokv.kv.iterator.InternalIterator;

/**
 * A cursor over a memtable's point entries. Forward steps follow level-0 links; backward steps and
 * {@link #seekToLast()} search from the head (O(log n)), as the list has no back links. Entries
 * added after the cursor was created may or may not be seen. Not thread-safe; holds no resources.
 */
final class MemTableIterator implements InternalIterator {
  private final SkipList list;
  private SkipList.Node node;

  MemTableIterator(SkipList list) {
    this.list = list;
  }

  @Override
  public boolean isValid() {
    return node != null;
  }

  @Override
  public void seekToFirst() {
    node = list.first();
  }

  @Override
  public void seekToLast() {
    node = list.last();
  }

  @Override
  public void seek(byte[] internalKey) {
    node = list.findGreaterOrEqual(internalKey, null);
  }

  @Override
  public void next() {
    checkValid();
    node = node.next(0);
  }

  @Override
  public void prev() {
    checkValid();
    node = list.findLessThan(node.key);
  }

  @Override
  public byte[] key() {
    checkValid();
    return node.key;
  }

  @Override
  public byte[] value() {
    checkValid();
    return node.value;
  }

  private void checkValid() {
    if (node == null) {
      throw new IllegalStateException("memtable iterator is not positioned at an entry");
    }
  }

  @Override
  public void close() {
    node = null;
  }
}

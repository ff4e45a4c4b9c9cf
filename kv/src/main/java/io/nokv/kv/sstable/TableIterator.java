package io.nokv.kv.sstable;

import io.nokv.kv.iterator.InternalIterator;

/**
 * The two-level cursor of a {@link TableReader}: an index-block cursor chooses the data block, a
 * data-block cursor walks it. Moving off either end of a data block loads the neighbouring block
 * (skipping empty ones), through the block cache. Not thread-safe.
 */
final class TableIterator implements InternalIterator {
  private final TableReader table;
  private final BlockIterator index;
  private final boolean fillCache;

  /** Cursor in the data block the index points at; null when the index is not valid. */
  private BlockIterator data;

  private long dataOffset = -1;

  TableIterator(TableReader table, BlockIterator index, boolean fillCache) {
    this.table = table;
    this.index = index;
    this.fillCache = fillCache;
  }

  @Override
  public boolean isValid() {
    return data != null && data.isValid();
  }

  @Override
  public void seekToFirst() {
    index.seekToFirst();
    loadDataBlock();
    if (data != null) {
      data.seekToFirst();
    }
    skipEmptyBlocksForward();
  }

  @Override
  public void seekToLast() {
    index.seekToLast();
    loadDataBlock();
    if (data != null) {
      data.seekToLast();
    }
    skipEmptyBlocksBackward();
  }

  @Override
  public void seek(byte[] internalKey) {
    index.seek(internalKey);
    loadDataBlock();
    if (data != null) {
      data.seek(internalKey);
    }
    skipEmptyBlocksForward();
  }

  @Override
  public void next() {
    checkValid();
    data.next();
    skipEmptyBlocksForward();
  }

  @Override
  public void prev() {
    checkValid();
    data.prev();
    skipEmptyBlocksBackward();
  }

  @Override
  public byte[] key() {
    checkValid();
    return data.key();
  }

  @Override
  public byte[] value() {
    checkValid();
    return data.value();
  }

  @Override
  public void close() {
    data = null;
    dataOffset = -1;
    index.close();
  }

  private void checkValid() {
    if (!isValid()) {
      throw new IllegalStateException("iterator is not positioned on an entry");
    }
  }

  private void skipEmptyBlocksForward() {
    while (data == null || !data.isValid()) {
      if (!index.isValid()) {
        data = null;
        return;
      }
      index.next();
      loadDataBlock();
      if (data != null) {
        data.seekToFirst();
      }
    }
  }

  private void skipEmptyBlocksBackward() {
    while (data == null || !data.isValid()) {
      if (!index.isValid()) {
        data = null;
        return;
      }
      index.prev();
      loadDataBlock();
      if (data != null) {
        data.seekToLast();
      }
    }
  }

  /** Points {@link #data} at the block of the current index entry (reusing it if unchanged). */
  private void loadDataBlock() {
    if (!index.isValid()) {
      data = null;
      dataOffset = -1;
      return;
    }
    BlockHandle handle = index.valueAsBlockHandle();
    if (data != null && handle.offset() == dataOffset) {
      return;
    }
    data = table.dataBlock(handle, fillCache).iterator();
    dataOffset = handle.offset();
  }
}

package io.nokv.kv.iterator;

import io.nokv.kv.format.InternalKey;
import java.util.List;

/**
 * Merges children that are each sorted by internal key into one sorted cursor, in both
 * directions, like LevelDB's {@code table/merger.cc}. Children may overlap in key range but must
 * not share an internal key (the engine never writes the same user key and sequence twice).
 *
 * <p>A binary heap of the valid children, ordered by their current key (a min-heap moving
 * forward, a max-heap moving backward), gives the current entry at its top; each step moves one
 * child and sifts it (O(log n) key comparisons). When the direction changes, every other child is
 * re-positioned around the current key: moving forward after moving backward, each is sought to
 * the first entry > current key; moving backward after forward, each is placed at the last entry
 * < current key. Each child's current key is cached to avoid repeated {@code key()} calls.
 *
 * <p>Owns its children: {@link #close()} closes them all (the first failure is rethrown with any
 * later ones suppressed). Not thread-safe.
 */
public final class MergingIterator implements InternalIterator {
  private final InternalIterator[] children;
  /** Current key of each child, null when the child is not valid. */
  private final byte[][] keys;
  /** Indexes of the valid children, heap-ordered by {@link #keys}. */
  private final int[] heap;
  private int size;
  private boolean forward = true;

  public MergingIterator(List<? extends InternalIterator> children) {
    this.children = children.toArray(new InternalIterator[0]);
    this.keys = new byte[this.children.length][];
    this.heap = new int[this.children.length];
  }

  /** The merge of {@code children}, or the only child itself when there is just one. */
  public static InternalIterator of(List<? extends InternalIterator> children) {
    return children.size() == 1 ? children.get(0) : new MergingIterator(children);
  }

  @Override
  public boolean isValid() {
    return size > 0;
  }

  @Override
  public void seekToFirst() {
    for (InternalIterator c : children) {
      c.seekToFirst();
    }
    forward = true;
    rebuildHeap();
  }

  @Override
  public void seekToLast() {
    for (InternalIterator c : children) {
      c.seekToLast();
    }
    forward = false;
    rebuildHeap();
  }

  @Override
  public void seek(byte[] internalKey) {
    for (InternalIterator c : children) {
      c.seek(internalKey);
    }
    forward = true;
    rebuildHeap();
  }

  @Override
  public void next() {
    checkValid();
    if (!forward) {
      int cur = heap[0];
      byte[] key = keys[cur];
      for (int i = 0; i < children.length; i++) {
        if (i != cur) {
          InternalIterator c = children[i];
          c.seek(key);
          if (c.isValid() && InternalKey.compare(c.key(), key) == 0) {
            c.next();
          }
        }
      }
      forward = true;
      rebuildHeap(); // cur is the smallest again: every other child is now past key
    }
    int top = heap[0];
    children[top].next();
    advanced(top);
  }

  @Override
  public void prev() {
    checkValid();
    if (forward) {
      int cur = heap[0];
      byte[] key = keys[cur];
      for (int i = 0; i < children.length; i++) {
        if (i != cur) {
          InternalIterator c = children[i];
          c.seek(key);
          if (c.isValid()) {
            c.prev(); // first entry >= key, so one step back is the last entry < key
          } else {
            c.seekToLast(); // every entry of this child is < key
          }
        }
      }
      forward = false;
      rebuildHeap();
    }
    int top = heap[0];
    children[top].prev();
    advanced(top);
  }

  @Override
  public byte[] key() {
    checkValid();
    return keys[heap[0]];
  }

  @Override
  public byte[] value() {
    checkValid();
    return children[heap[0]].value();
  }

  private void checkValid() {
    if (size == 0) {
      throw new IllegalStateException("merging iterator is not positioned at an entry");
    }
  }

  /** The heap top child has moved: refresh its key, drop it if exhausted, restore the heap. */
  private void advanced(int top) {
    InternalIterator c = children[top];
    if (c.isValid()) {
      keys[top] = c.key();
    } else {
      keys[top] = null;
      heap[0] = heap[--size];
    }
    if (size > 1) {
      siftDown(0);
    }
  }

  private void rebuildHeap() {
    size = 0;
    for (int i = 0; i < children.length; i++) {
      InternalIterator c = children[i];
      if (c.isValid()) {
        keys[i] = c.key();
        heap[size++] = i;
      } else {
        keys[i] = null;
      }
    }
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  /** Whether child a must be above child b in the heap. */
  private boolean before(int a, int b) {
    int c = InternalKey.compare(keys[a], keys[b]);
    return forward ? c < 0 : c > 0;
  }

  private void siftDown(int pos) {
    int item = heap[pos];
    int half = size >>> 1;
    while (pos < half) {
      int child = 2 * pos + 1;
      int right = child + 1;
      if (right < size && before(heap[right], heap[child])) {
        child = right;
      }
      if (!before(heap[child], item)) {
        break;
      }
      heap[pos] = heap[child];
      pos = child;
    }
    heap[pos] = item;
  }

  @Override
  public void close() {
    size = 0;
    RuntimeException failure = null;
    for (InternalIterator c : children) {
      try {
        c.close();
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

package io.nokv.txn.store;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the write actions that touch the same keys, as TiKV's scheduler latches do: an action
 * reads a key's MVCC state and writes a batch, and two actions on one key must not interleave.
 * Keys hash onto a fixed array of locks, taken in index order so that two requests never deadlock.
 */
final class Latches {
  private final ReentrantLock[] slots;

  Latches(int slotCount) {
    int n = Integer.highestOneBit(Math.max(16, slotCount - 1) << 1);
    slots = new ReentrantLock[n];
    for (int i = 0; i < n; i++) {
      slots[i] = new ReentrantLock();
    }
  }

  /** Takes the latches of {@code keys}; close the guard to release them. */
  Guard acquire(List<byte[]> keys) {
    int[] idx = new int[keys.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = slotOf(keys.get(i));
    }
    Arrays.sort(idx);
    int distinct = 0;
    for (int i = 0; i < idx.length; i++) {
      if (i == 0 || idx[i] != idx[i - 1]) {
        idx[distinct++] = idx[i];
      }
    }
    int[] held = Arrays.copyOf(idx, distinct);
    for (int i : held) {
      slots[i].lock();
    }
    return new Guard(held);
  }

  Guard acquire(byte[] key) {
    return acquire(List.of(key));
  }

  private int slotOf(byte[] key) {
    int h = Arrays.hashCode(key);
    h ^= h >>> 16;
    return h & (slots.length - 1);
  }

  final class Guard implements AutoCloseable {
    private final int[] held;

    private Guard(int[] held) {
      this.held = held;
    }

    @Override
    public void close() {
      for (int i = held.length - 1; i >= 0; i--) {
        slots[held[i]].unlock();
      }
    }
  }
}

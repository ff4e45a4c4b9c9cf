package io.nokv.kv.engine;

import io.nokv.kv.memtable.MemTable;
import io.nokv.kv.version.Version;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a read sees, taken together: the mutable memtable, the immutable ones (newest first) and
 * the version. Replaced whenever any of them changes. Readers take a reference with
 * {@link #tryRef()}; the last release unpins the version so obsolete files can be deleted.
 */
final class SuperVersion {
  final MemTable mem;
  final List<MemTable> imms;
  final Version version;
  /** Starts at 1: the engine's own reference while this is current. */
  private final AtomicInteger refs = new AtomicInteger(1);

  SuperVersion(MemTable mem, List<MemTable> imms, Version version) {
    this.mem = mem;
    this.imms = List.copyOf(imms);
    this.version = version;
  }

  /** Takes a reference unless this super version is already dead. */
  boolean tryRef() {
    while (true) {
      int n = refs.get();
      if (n == 0) {
        return false;
      }
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Drops a reference; true when it was the last. */
  boolean unref() {
    return refs.decrementAndGet() == 0;
  }
}

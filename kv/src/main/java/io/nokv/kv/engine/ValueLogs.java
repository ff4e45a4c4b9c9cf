package io.nokv.kv.engine;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.KvIOException;
import io.nokv.kv.format.ValuePointer;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.vlog.ValueLogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** Open value-log segment readers by segment number, and pointer resolution for reads. */
final class ValueLogs implements AutoCloseable {
  private final FileSystem fs;
  private final Path dir;
  private final ConcurrentHashMap<Long, ValueLogReader> readers = new ConcurrentHashMap<>();

  ValueLogs(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  ValueLogReader reader(long segment) {
    ValueLogReader r = readers.get(segment);
    if (r != null) {
      return r;
    }
    return readers.computeIfAbsent(segment, n -> {
      Path p = FileNames.vlog(dir, n);
      try {
        return ValueLogReader.open(fs, p, n);
      } catch (IOException e) {
        throw new KvIOException(p.toString(), "open value log", e);
      }
    });
  }

  /** The value a pointer (the stored bytes of a VALUE_POINTER entry) refers to. */
  byte[] resolve(byte[] storedPointer, String sourceForErrors) {
    ValuePointer p;
    try {
      p = ValuePointer.decode(storedPointer);
    } catch (RuntimeException e) {
      throw new CorruptionException(sourceForErrors, -1, "malformed value-log pointer", e);
    }
    try {
      return reader(p.segment()).read(p);
    } catch (IOException e) {
      throw new KvIOException(FileNames.vlog(dir, p.segment()).toString(), p.offset(), "read value", e);
    }
  }

  void evict(long segment) {
    ValueLogReader r = readers.remove(segment);
    if (r != null) {
      try {
        r.close();
      } catch (IOException e) {
        throw new KvIOException(FileNames.vlog(dir, segment).toString(), "close", e);
      }
    }
  }

  @Override
  public void close() {
    for (Long n : readers.keySet()) {
      evict(n);
    }
  }
}

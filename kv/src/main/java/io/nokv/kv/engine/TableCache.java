package io.nokv.kv.engine;

import io.nokv.kv.KvIOException;
import io.nokv.kv.cache.BlockCache;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.fs.ReadableFile;
import io.nokv.kv.sstable.TableReader;
import io.nokv.kv.version.FileMetaData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open {@link TableReader}s by file number. A reader stays open while its file is live (index and
 * bloom filter in memory, data blocks through the block cache) and is closed when the engine
 * deletes the file, which happens only once no pinned version can read it.
 */
final class TableCache implements AutoCloseable {
  private final FileSystem fs;
  private final Path dir;
  private final BlockCache blockCache;
  private final ConcurrentHashMap<Long, TableReader> readers = new ConcurrentHashMap<>();

  TableCache(FileSystem fs, Path dir, BlockCache blockCache) {
    this.fs = fs;
    this.dir = dir;
    this.blockCache = blockCache;
  }

  TableReader get(FileMetaData f) {
    TableReader r = readers.get(f.number());
    if (r != null) {
      return r;
    }
    return readers.computeIfAbsent(f.number(), n -> open(n, f.fileSize()));
  }

  private TableReader open(long number, long size) {
    Path p = FileNames.sst(dir, number);
    ReadableFile file;
    try {
      file = fs.openRead(p);
    } catch (IOException e) {
      throw new KvIOException(p.toString(), "open", e);
    }
    return TableReader.open(file, p.toString(), number, size, blockCache); // closes file on failure
  }

  /** Closes the reader of a deleted file. */
  void evict(long number) {
    TableReader r = readers.remove(number);
    if (r != null) {
      r.close();
    }
  }

  @Override
  public void close() {
    for (Long n : readers.keySet()) {
      evict(n);
    }
  }
}

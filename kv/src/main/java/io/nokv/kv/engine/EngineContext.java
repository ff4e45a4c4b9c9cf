package io.nokv.kv.engine;

import io.nokv.kv.Options;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.sstable.TableOptions;
import io.nokv.kv.version.VersionSet;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What flushes, compactions and GC share: the directory, settings, caches and the version set. */
final class EngineContext {
  final FileSystem fs;
  final Path dir;
  final Options options;
  final TableOptions tableOptions;
  final VersionSet versions;
  final TableCache tableCache;
  final ValueLogs valueLogs;
  final EngineStats stats;
  /** Numbers of files being written; never deleted as obsolete. */
  final Set<Long> pendingOutputs = ConcurrentHashMap.newKeySet();

  EngineContext(FileSystem fs, Path dir, Options options, VersionSet versions, TableCache tableCache,
      ValueLogs valueLogs, EngineStats stats) {
    this.fs = fs;
    this.dir = dir;
    this.options = options;
    this.tableOptions = TableOptions.from(options);
    this.versions = versions;
    this.tableCache = tableCache;
    this.valueLogs = valueLogs;
    this.stats = stats;
  }

  /** Allocates a file number and protects it from obsolete-file deletion until released. */
  long newOutputNumber() {
    long n = versions.newFileNumber();
    pendingOutputs.add(n);
    return n;
  }
}

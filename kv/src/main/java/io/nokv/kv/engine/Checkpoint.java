package io.nokv.kv.engine;

import io.nokv.kv.KvIOException;
import io.nokv.kv.version.FileMetaData;
import io.nokv.kv.version.Version;
import io.nokv.kv.version.VersionEdit;
import io.nokv.kv.version.VersionSet;
import io.nokv.kv.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an openable copy of the database: after a flush, the pinned version's SSTables and
 * value-log segments are hard-linked (or copied) into the target, which gets its own manifest
 * describing exactly them, and CURRENT. No WAL is needed: the flush put everything in tables.
 */
final class Checkpoint {
  private final EngineContext ctx;
  private final DbImpl db;

  Checkpoint(EngineContext ctx, DbImpl db) {
    this.ctx = ctx;
    this.db = db;
  }

  void write(Path target) {
    if (ctx.fs.exists(target)) {
      throw new IllegalArgumentException("checkpoint target " + target + " already exists");
    }
    SuperVersion sv = db.acquire();
    try {
      Version v = sv.version;
      ctx.fs.createDirectories(target);
      long maxNumber = 0;
      for (FileMetaData f : v.allFiles()) {
        ctx.fs.linkOrCopy(FileNames.sst(ctx.dir, f.number()), FileNames.sst(target, f.number()));
        maxNumber = Math.max(maxNumber, f.number());
      }
      for (long s : v.segments().keySet()) {
        ctx.fs.linkOrCopy(FileNames.vlog(ctx.dir, s), FileNames.vlog(target, s));
        maxNumber = Math.max(maxNumber, s);
      }
      VersionEdit snap = ctx.versions.snapshotEdit(v);
      long manifestNumber = Math.max(maxNumber, ctx.versions.manifestNumber()) + 1;
      snap.setNextFileNumber(manifestNumber + 1).setLogNumber(manifestNumber + 1).setLastSequence(db.visibleSequence());
      ctx.fs.syncDirectory(target);
      try (LogWriter w = VersionSet.writeManifest(ctx.fs, target, manifestNumber, snap)) {
        w.sync();
      }
    } catch (IOException e) {
      throw new KvIOException(target.toString(), "write checkpoint", e);
    } finally {
      db.release(sv);
    }
  }
}

package io.nokv.kv.engine;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.KvIOException;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.memtable.MemTable;
import io.nokv.kv.version.VersionEdit;
import io.nokv.kv.wal.LogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the WAL segments the manifest does not cover (numbers >= its log number) into memtables
 * and flushes them to L0, so that after open every acknowledged write is in an SSTable and the old
 * segments can go. A torn tail in the last segment (a crash mid-append) ends the replay there:
 * that write was never acknowledged. Damage anywhere else is a {@link CorruptionException}.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /** Returns the largest sequence number replayed (or the manifest's, if larger). */
  static long replayWals(EngineContext ctx, Background background, List<String> dirNames) {
    long logNumber = ctx.versions.logNumber();
    List<Long> wals = new ArrayList<>();
    for (String name : dirNames) {
      FileNames.Parsed p = FileNames.parse(name);
      if (p.number() >= 0) {
        ctx.versions.markFileNumberUsed(p.number());
      }
      if (p.kind() == FileNames.Kind.WAL && p.number() >= logNumber) {
        wals.add(p.number());
      }
    }
    wals.sort(Long::compare);
    long maxSeq = ctx.versions.lastSequence();
    MemTable mem = new MemTable();
    for (int i = 0; i < wals.size(); i++) {
      Path path = FileNames.wal(ctx.dir, wals.get(i));
      boolean last = i == wals.size() - 1;
      try (LogReader reader = LogReader.open(ctx.fs, path, last)) {
        byte[] rec;
        while ((rec = reader.next()) != null) {
          long first;
          int count;
          try {
            first = WriteBatch.sequenceOf(rec);
            count = WriteBatch.countOf(rec);
            WritePath.apply(mem, rec);
          } catch (RuntimeException e) {
            throw new CorruptionException(path.toString(), reader.validLength(), "WAL record is not a valid write batch: " + e.getMessage(), e);
          }
          maxSeq = Math.max(maxSeq, first + count - 1);
          if (mem.approximateMemoryUsage() >= ctx.options.writeBufferSize()) {
            flushRecovered(ctx, background, mem, maxSeq);
            mem = new MemTable();
          }
        }
        if (reader.tornTailOffset() >= 0) {
          LOG.warn("WAL {} ends in a torn record at offset {}: recovered up to there (that write was never acknowledged)",
              path, reader.tornTailOffset());
        }
      } catch (IOException e) {
        throw new KvIOException(path.toString(), "read WAL", e);
      }
    }
    if (!mem.isEmpty() || !mem.rangeTombstones().isEmpty()) {
      flushRecovered(ctx, background, mem, maxSeq);
    }
    return maxSeq;
  }

  private static void flushRecovered(EngineContext ctx, Background background, MemTable mem, long maxSeq) {
    VersionEdit edit = new VersionEdit();
    TableOutput out = background.writeLevel0(mem.iterator(), edit);
    mem.rangeTombstones().forEach(edit::addTombstone);
    edit.setLastSequence(maxSeq);
    out.commit(edit);
  }
}

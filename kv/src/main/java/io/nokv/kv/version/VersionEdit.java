package io.nokv.kv.version;

import io.nokv.kv.format.ByteSink;
import io.nokv.kv.format.Coding;
import io.nokv.kv.iterator.RangeTombstone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One atomic change to the set of live files, recorded as one manifest record. Encoding: a
 * sequence of fields, each {@code varint tag} then the field's payload:
 * <pre>
 *   1 logNumber        varint        WAL segments below this number are obsolete
 *   2 nextFileNumber   varint
 *   3 lastSequence     varint
 *   4 deleteFile       varint level, varint number
 *   5 addFile          varint level, varint number, varint size, bytes smallest, bytes largest,
 *                      varint smallestSeq, varint largestSeq, varint entries,
 *                      varint refCount, refCount x varint segment
 *   6 addSegment       varint number, varint fileSize, varint entryBytes, varint garbageBytes
 *   7 deleteSegment    varint number
 *   8 segmentGarbage   varint number, varint bytes (added to the segment's garbage)
 *   9 addTombstone     varint seq, bytes start, bytes end
 *  10 removeTombstone  varint seq
 *  11 compactPointer   varint level, bytes internal key
 * </pre>
 * ({@code bytes} = varint length + bytes.) An unknown tag is corruption: a newer build wrote it.
 */
public final class VersionEdit {
  static final int LOG_NUMBER = 1;
  static final int NEXT_FILE = 2;
  static final int LAST_SEQUENCE = 3;
  static final int DELETE_FILE = 4;
  static final int ADD_FILE = 5;
  static final int ADD_SEGMENT = 6;
  static final int DELETE_SEGMENT = 7;
  static final int SEGMENT_GARBAGE = 8;
  static final int ADD_TOMBSTONE = 9;
  static final int REMOVE_TOMBSTONE = 10;
  static final int COMPACT_POINTER = 11;

  /** A file deletion: (level, number). */
  public record DeletedFile(int level, long number) {}

  /** A file addition. */
  public record NewFile(int level, FileMetaData meta) {}

  long logNumber = -1;
  long nextFileNumber = -1;
  long lastSequence = -1;
  final List<DeletedFile> deletedFiles = new ArrayList<>();
  final List<NewFile> newFiles = new ArrayList<>();
  final List<SegmentMeta> newSegments = new ArrayList<>();
  final List<Long> deletedSegments = new ArrayList<>();
  final Map<Long, Long> segmentGarbage = new LinkedHashMap<>();
  final List<RangeTombstone> newTombstones = new ArrayList<>();
  final List<Long> removedTombstones = new ArrayList<>();
  final Map<Integer, byte[]> compactPointers = new LinkedHashMap<>();

  public VersionEdit setLogNumber(long n) {
    logNumber = n;
    return this;
  }

  public VersionEdit setNextFileNumber(long n) {
    nextFileNumber = n;
    return this;
  }

  public VersionEdit setLastSequence(long s) {
    lastSequence = s;
    return this;
  }

  public VersionEdit deleteFile(int level, long number) {
    deletedFiles.add(new DeletedFile(level, number));
    return this;
  }

  public VersionEdit addFile(int level, FileMetaData meta) {
    newFiles.add(new NewFile(level, meta));
    return this;
  }

  public VersionEdit addSegment(SegmentMeta s) {
    newSegments.add(s);
    return this;
  }

  public VersionEdit deleteSegment(long number) {
    deletedSegments.add(number);
    return this;
  }

  public VersionEdit addSegmentGarbage(long segment, long bytes) {
    if (bytes > 0) {
      segmentGarbage.merge(segment, bytes, Long::sum);
    }
    return this;
  }

  public VersionEdit addTombstone(RangeTombstone t) {
    newTombstones.add(t);
    return this;
  }

  public VersionEdit removeTombstone(long seq) {
    removedTombstones.add(seq);
    return this;
  }

  public VersionEdit setCompactPointer(int level, byte[] key) {
    compactPointers.put(level, key);
    return this;
  }

  public List<NewFile> newFiles() {
    return newFiles;
  }

  public List<DeletedFile> deletedFiles() {
    return deletedFiles;
  }

  public byte[] encode() {
    ByteSink out = new ByteSink(256);
    if (logNumber >= 0) {
      out.putVarint(LOG_NUMBER).putVarint(logNumber);
    }
    if (nextFileNumber >= 0) {
      out.putVarint(NEXT_FILE).putVarint(nextFileNumber);
    }
    if (lastSequence >= 0) {
      out.putVarint(LAST_SEQUENCE).putVarint(lastSequence);
    }
    for (var e : compactPointers.entrySet()) {
      out.putVarint(COMPACT_POINTER).putVarint(e.getKey()).putLengthPrefixed(e.getValue());
    }
    for (DeletedFile d : deletedFiles) {
      out.putVarint(DELETE_FILE).putVarint(d.level()).putVarint(d.number());
    }
    for (NewFile f : newFiles) {
      FileMetaData m = f.meta();
      out.putVarint(ADD_FILE).putVarint(f.level()).putVarint(m.number()).putVarint(m.fileSize())
          .putLengthPrefixed(m.smallest()).putLengthPrefixed(m.largest())
          .putVarint(m.smallestSeq()).putVarint(m.largestSeq()).putVarint(m.numEntries())
          .putVarint(m.valueLogRefs().length);
      for (long r : m.valueLogRefs()) {
        out.putVarint(r);
      }
    }
    for (SegmentMeta s : newSegments) {
      out.putVarint(ADD_SEGMENT).putVarint(s.number()).putVarint(s.fileSize()).putVarint(s.entryBytes()).putVarint(s.garbageBytes());
    }
    for (long s : deletedSegments) {
      out.putVarint(DELETE_SEGMENT).putVarint(s);
    }
    for (var e : segmentGarbage.entrySet()) {
      out.putVarint(SEGMENT_GARBAGE).putVarint(e.getKey()).putVarint(e.getValue());
    }
    for (RangeTombstone t : newTombstones) {
      out.putVarint(ADD_TOMBSTONE).putVarint(t.seq()).putLengthPrefixed(t.start()).putLengthPrefixed(t.end());
    }
    for (long s : removedTombstones) {
      out.putVarint(REMOVE_TOMBSTONE).putVarint(s);
    }
    return out.toByteArray();
  }

  /** Decodes a record; throws {@link IllegalStateException} when malformed (caller names the file). */
  public static VersionEdit decode(byte[] b) {
    VersionEdit e = new VersionEdit();
    int[] p = {0};
    try {
      while (p[0] < b.length) {
        int tag = Coding.getVarint32(b, p);
        switch (tag) {
          case LOG_NUMBER -> e.logNumber = Coding.getVarint(b, p);
          case NEXT_FILE -> e.nextFileNumber = Coding.getVarint(b, p);
          case LAST_SEQUENCE -> e.lastSequence = Coding.getVarint(b, p);
          case COMPACT_POINTER -> e.compactPointers.put(Coding.getVarint32(b, p), bytes(b, p));
          case DELETE_FILE -> e.deletedFiles.add(new DeletedFile(level(b, p), Coding.getVarint(b, p)));
          case ADD_FILE -> {
            int level = level(b, p);
            long number = Coding.getVarint(b, p);
            long size = Coding.getVarint(b, p);
            byte[] smallest = bytes(b, p);
            byte[] largest = bytes(b, p);
            long sseq = Coding.getVarint(b, p);
            long lseq = Coding.getVarint(b, p);
            long entries = Coding.getVarint(b, p);
            int nrefs = Coding.getVarint32(b, p);
            if (nrefs > b.length) {
              throw new IllegalStateException("impossible reference count " + nrefs);
            }
            long[] refs = new long[nrefs];
            for (int i = 0; i < nrefs; i++) {
              refs[i] = Coding.getVarint(b, p);
            }
            e.newFiles.add(new NewFile(level, new FileMetaData(number, size, smallest, largest, sseq, lseq, entries, refs)));
          }
          case ADD_SEGMENT -> e.newSegments.add(new SegmentMeta(Coding.getVarint(b, p), Coding.getVarint(b, p),
              Coding.getVarint(b, p), Coding.getVarint(b, p)));
          case DELETE_SEGMENT -> e.deletedSegments.add(Coding.getVarint(b, p));
          case SEGMENT_GARBAGE -> e.segmentGarbage.merge(Coding.getVarint(b, p), Coding.getVarint(b, p), Long::sum);
          case ADD_TOMBSTONE -> {
            long seq = Coding.getVarint(b, p);
            e.newTombstones.add(new RangeTombstone(bytes(b, p), bytes(b, p), seq));
          }
          case REMOVE_TOMBSTONE -> e.removedTombstones.add(Coding.getVarint(b, p));
          default -> throw new IllegalStateException("unknown version edit tag " + tag);
        }
      }
    } catch (ArrayIndexOutOfBoundsException ex) {
      throw new IllegalStateException("version edit truncated", ex);
    }
    return e;
  }

  private static int level(byte[] b, int[] p) {
    int level = Coding.getVarint32(b, p);
    if (level >= Version.NUM_LEVELS) {
      throw new IllegalStateException("level " + level + " out of range");
    }
    return level;
  }

  private static byte[] bytes(byte[] b, int[] p) {
    int len = Coding.getVarint32(b, p);
    if (len > b.length - p[0]) {
      throw new IllegalStateException("field length " + len + " runs past the record");
    }
    byte[] out = new byte[len];
    System.arraycopy(b, p[0], out, 0, len);
    p[0] += len;
    return out;
  }
}

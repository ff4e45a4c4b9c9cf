package io.nokv.kv.engine;

import java.nio.file.Path;

/**
 * Names of the files in a database directory. Every numbered file draws from one counter kept in
 * the manifest, so a number identifies one file whatever its kind.
 *
 * <pre>
 *   LOCK                 held while the database is open
 *   CURRENT              names the live manifest (written to CURRENT.tmp, then renamed)
 *   MANIFEST-000005      version edits
 *   000007.wal           write-ahead log segment (one per memtable)
 *   000009.sst           SSTable
 *   000010.vlog          value-log segment
 *   *.tmp                half-written; deleted at open
 * </pre>
 */
public final class FileNames {
  private FileNames() {}

  public static final String LOCK = "LOCK";
  public static final String CURRENT = "CURRENT";
  public static final String MANIFEST_PREFIX = "MANIFEST-";

  public enum Kind { WAL, SST, VLOG, MANIFEST, CURRENT, LOCK, TEMP, UNKNOWN }

  /** A parsed file name: its kind and number (-1 when it has none). */
  public record Parsed(Kind kind, long number) {}

  public static String wal(long number) {
    return String.format("%06d.wal", number);
  }

  public static String sst(long number) {
    return String.format("%06d.sst", number);
  }

  public static String vlog(long number) {
    return String.format("%06d.vlog", number);
  }

  public static String manifest(long number) {
    return MANIFEST_PREFIX + String.format("%06d", number);
  }

  public static Path wal(Path dir, long number) {
    return dir.resolve(wal(number));
  }

  public static Path sst(Path dir, long number) {
    return dir.resolve(sst(number));
  }

  public static Path vlog(Path dir, long number) {
    return dir.resolve(vlog(number));
  }

  public static Parsed parse(String name) {
    if (name.equals(LOCK)) {
      return new Parsed(Kind.LOCK, -1);
    }
    if (name.equals(CURRENT)) {
      return new Parsed(Kind.CURRENT, -1);
    }
    if (name.endsWith(".tmp")) {
      return new Parsed(Kind.TEMP, -1);
    }
    try {
      if (name.startsWith(MANIFEST_PREFIX)) {
        return new Parsed(Kind.MANIFEST, Long.parseLong(name.substring(MANIFEST_PREFIX.length())));
      }
      int dot = name.lastIndexOf('.');
      if (dot > 0) {
        long n = Long.parseLong(name.substring(0, dot));
        switch (name.substring(dot + 1)) {
          case "wal":
            return new Parsed(Kind.WAL, n);
          case "sst":
            return new Parsed(Kind.SST, n);
          case "vlog":
            return new Parsed(Kind.VLOG, n);
          default:
            break;
        }
      }
    } catch (NumberFormatException e) {
      // not one of ours
    }
    return new Parsed(Kind.UNKNOWN, -1);
  }
}

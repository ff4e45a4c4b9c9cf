package io.nokv.kv.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The only way the engine touches storage. Small on purpose: {@link LocalFileSystem} is the real
 * one, {@link MemFileSystem} backs {@code jdbc:nokv:mem:} databases, and
 * {@link FaultInjectingFileSystem} lets tests fail or tear writes and simulate a power cut.
 *
 * <p>All methods throw plain {@link IOException}s; the engine wraps them into typed exceptions
 * that name the file.
 */
public interface FileSystem {
  /** Creates (or truncates) {@code path} for appending. The parent directory must exist. */
  WritableFile create(Path path) throws IOException;

  /** Opens an existing file for positional reads. */
  ReadableFile openRead(Path path) throws IOException;

  boolean exists(Path path);

  /** Size in bytes of an existing file. */
  long size(Path path) throws IOException;

  /** Names (not paths) of the entries directly under {@code dir}, in no particular order. */
  List<String> list(Path dir) throws IOException;

  /** Deletes {@code path} if it exists. */
  void deleteIfExists(Path path) throws IOException;

  /** Atomically renames {@code from} to {@code to}, replacing {@code to} if it exists. */
  void rename(Path from, Path to) throws IOException;

  /** Creates {@code dir} and its missing parents. */
  void createDirectories(Path dir) throws IOException;

  /**
   * Makes the directory's entries (creations, renames, deletions) durable. File contents are made
   * durable by {@link WritableFile#sync()}.
   */
  void syncDirectory(Path dir) throws IOException;

  /**
   * Takes an exclusive lock on {@code lockFile} (creating it), held until the returned handle is
   * closed. Returns {@code null} when someone else holds it, in this process or another.
   */
  FileLockHandle tryLock(Path lockFile) throws IOException;

  /**
   * Links or copies {@code from} to {@code to} (for checkpoints of immutable files). The default
   * copies through the streams of this file system.
   */
  default void linkOrCopy(Path from, Path to) throws IOException {
    try (ReadableFile in = openRead(from);
        WritableFile out = create(to)) {
      long size = in.size();
      byte[] buf = new byte[1 << 16];
      long pos = 0;
      while (pos < size) {
        int n = (int) Math.min(buf.length, size - pos);
        in.readFully(pos, buf, 0, n);
        out.append(buf, 0, n);
        pos += n;
      }
      out.sync();
    }
  }
}

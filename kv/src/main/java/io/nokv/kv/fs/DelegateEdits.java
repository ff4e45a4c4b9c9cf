package io.nokv.kv.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * In-place edits of a file on a wrapped file system, for {@link FaultInjectingFileSystem}'s crash
 * and corruption helpers. On {@link MemFileSystem} and {@link LocalFileSystem} the change happens
 * to the file itself, so handles already open on it see it as they would on a disk; on any other
 * file system the file is rewritten whole, which handles opened before may not see.
 */
final class DelegateEdits {
  private DelegateEdits() {}

  /** The first {@code length} bytes of {@code p}. */
  static byte[] readPrefix(FileSystem delegate, Path p, long length) throws IOException {
    try (ReadableFile in = delegate.openRead(p)) {
      return in.readFully(0, Math.toIntExact(length));
    }
  }

  /** Writes {@code bytes} at {@code offset} of an existing file, within its length. */
  static void overwrite(FileSystem delegate, Path p, long offset, byte[] bytes) throws IOException {
    if (delegate instanceof MemFileSystem mem) {
      mem.overwrite(p, offset, bytes);
    } else if (delegate instanceof LocalFileSystem) {
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        long pos = offset;
        while (bb.hasRemaining()) {
          pos += ch.write(bb, pos);
        }
      }
    } else {
      byte[] all = readPrefix(delegate, p, delegate.size(p));
      System.arraycopy(bytes, 0, all, Math.toIntExact(offset), bytes.length);
      rewrite(delegate, p, all);
    }
  }

  /** Shortens an existing file to {@code length}. */
  static void truncate(FileSystem delegate, Path p, long length) throws IOException {
    if (delegate instanceof MemFileSystem mem) {
      mem.truncate(p, length);
    } else if (delegate instanceof LocalFileSystem) {
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.truncate(length);
      }
    } else {
      rewrite(delegate, p, readPrefix(delegate, p, length));
    }
  }

  private static void rewrite(FileSystem delegate, Path p, byte[] contents) throws IOException {
    try (WritableFile w = delegate.create(p)) {
      w.append(contents);
    }
  }
}

package io.nokv.kv.fs;

import java.io.IOException;
import java.nio.file.Path;

/** Small whole-file helpers for tests on any {@link FileSystem}. */
public final class TestFiles {
  private TestFiles() {}

  /** Creates {@code path} with {@code contents}, synced; does not sync the directory. */
  public static void write(FileSystem fs, Path path, byte[] contents) throws IOException {
    try (WritableFile w = fs.create(path)) {
      w.append(contents);
      w.sync();
    }
  }

  public static byte[] read(FileSystem fs, Path path) throws IOException {
    try (ReadableFile r = fs.openRead(path)) {
      return r.readFully(0, Math.toIntExact(r.size()));
    }
  }
}

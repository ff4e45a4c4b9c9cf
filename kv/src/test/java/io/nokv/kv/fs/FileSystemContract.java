package io.nokv.kv.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link FileSystem} must share, run against each implementation by a small
 * subclass. Written against what the engine relies on, so a difference between the local and the
 * in-memory file system shows up here rather than as a flaky engine test.
 */
abstract class FileSystemContract {
  @TempDir Path tmp;
  FileSystem fs;
  Path root;

  /** The file system under test; {@code tmp} is an empty real directory it may use. */
  abstract FileSystem newFileSystem(Path tmp) throws IOException;

  @BeforeEach
  void setUp() throws IOException {
    fs = newFileSystem(tmp);
    root = tmp.resolve("root");
    fs.createDirectories(root);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void appendFlushSyncAndReadBack() throws IOException {
    Path p = root.resolve("a.log");
    try (WritableFile w = fs.create(p)) {
      w.append(bytes("hello "));
      w.append(bytes("xxworldxx"), 2, 5);
      assertEquals(11, w.size());
      w.flush();
      w.sync();
    }
    assertEquals(11, fs.size(p));
    try (ReadableFile r = fs.openRead(p)) {
      assertEquals(11, r.size());
      assertArrayEquals(bytes("hello world"), r.readFully(0, 11));
      byte[] dst = new byte[7];
      r.readFully(6, dst, 2, 5);
      assertEquals("world", new String(dst, 2, 5, UTF_8));
      assertThrows(EOFException.class, () -> r.readFully(8, 4));
    }
  }

  @Test
  void readerSeesFlushedAppendsOfAnOpenWriter() throws IOException {
    Path p = root.resolve("growing");
    try (WritableFile w = fs.create(p)) {
      w.append(bytes("abc"));
      w.flush();
      try (ReadableFile r = fs.openRead(p)) {
        assertEquals(3, r.size());
        w.append(bytes("defg"));
        w.flush();
        assertEquals(7, r.size());
        assertArrayEquals(bytes("cdefg"), r.readFully(2, 5));
      }
    }
  }

  @Test
  void createReplacesAnExistingFile() throws IOException {
    Path p = root.resolve("f");
    TestFiles.write(fs, p, bytes("long old contents"));
    TestFiles.write(fs, p, bytes("new"));
    assertArrayEquals(bytes("new"), TestFiles.read(fs, p));
  }

  @Test
  void missingFilesAndParentsFail() {
    assertThrows(IOException.class, () -> fs.create(root.resolve("no/such/dir/f")));
    assertThrows(IOException.class, () -> fs.openRead(root.resolve("missing")));
    assertThrows(IOException.class, () -> fs.size(root.resolve("missing")));
    assertThrows(IOException.class, () -> fs.list(root.resolve("missing")));
    assertThrows(IOException.class, () -> fs.rename(root.resolve("missing"), root.resolve("x")));
    assertFalse(fs.exists(root.resolve("missing")));
  }

  @Test
  void listShowsFilesAndDirectoriesDirectlyUnder() throws IOException {
    TestFiles.write(fs, root.resolve("a"), bytes("1"));
    TestFiles.write(fs, root.resolve("b"), bytes("2"));
    fs.createDirectories(root.resolve("sub/deeper"));
    fs.createDirectories(root.resolve("sub")); // already there: no error
    TestFiles.write(fs, root.resolve("sub/deeper/c"), bytes("3"));
    assertEquals(Set.of("a", "b", "sub"), new HashSet<>(fs.list(root)));
    assertEquals(List.of("deeper"), fs.list(root.resolve("sub")));
    assertEquals(List.of("c"), fs.list(root.resolve("sub/deeper")));
    assertTrue(fs.exists(root.resolve("sub/deeper")));
    assertTrue(fs.exists(root.resolve("sub/deeper/c")));
    assertThrows(IOException.class, () -> fs.createDirectories(root.resolve("a/below-a-file")));
  }

  @Test
  void renameReplacesTheTarget() throws IOException {
    Path tmpFile = root.resolve("CURRENT.tmp");
    Path current = root.resolve("CURRENT");
    TestFiles.write(fs, current, bytes("MANIFEST-000001"));
    TestFiles.write(fs, tmpFile, bytes("MANIFEST-000002"));
    fs.rename(tmpFile, current);
    fs.syncDirectory(root);
    assertFalse(fs.exists(tmpFile));
    assertArrayEquals(bytes("MANIFEST-000002"), TestFiles.read(fs, current));
    assertEquals(List.of("CURRENT"), fs.list(root));
  }

  @Test
  void deleteIfExists() throws IOException {
    Path p = root.resolve("gone");
    TestFiles.write(fs, p, bytes("x"));
    fs.deleteIfExists(p);
    fs.deleteIfExists(p);
    assertFalse(fs.exists(p));
    assertEquals(List.of(), fs.list(root));
    fs.createDirectories(root.resolve("d"));
    TestFiles.write(fs, root.resolve("d/f"), bytes("x"));
    assertThrows(IOException.class, () -> fs.deleteIfExists(root.resolve("d")));
    fs.deleteIfExists(root.resolve("d/f"));
    fs.deleteIfExists(root.resolve("d"));
    assertFalse(fs.exists(root.resolve("d")));
  }

  @Test
  void lockIsExclusiveUntilReleased() throws IOException {
    Path lockFile = root.resolve("LOCK");
    FileLockHandle first = fs.tryLock(lockFile);
    assertNotNull(first);
    assertTrue(fs.exists(lockFile));
    assertNull(fs.tryLock(lockFile));
    first.close();
    try (FileLockHandle second = fs.tryLock(lockFile)) {
      assertNotNull(second);
    }
  }

  @Test
  void linkOrCopyDuplicatesContents() throws IOException {
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    TestFiles.write(fs, root.resolve("000005.sst"), data);
    fs.createDirectories(root.resolve("checkpoint"));
    fs.linkOrCopy(root.resolve("000005.sst"), root.resolve("checkpoint/000005.sst"));
    assertArrayEquals(data, TestFiles.read(fs, root.resolve("checkpoint/000005.sst")));
  }

  @Test
  void syncDirectoryOfAnExistingDirectory() throws IOException {
    fs.syncDirectory(root);
  }
}

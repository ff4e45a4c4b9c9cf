package io.nokv.kv.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.fs.FaultInjectingFileSystem.OpKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Crash simulation and fault switches, over both real delegates. */
class FaultInjectingFileSystemTest {
  @TempDir Path tmp;
  FileSystem delegate;
  FaultInjectingFileSystem fs;
  Path dir;

  private void setUp(String kind) throws IOException {
    delegate = kind.equals("mem") ? new MemFileSystem() : LocalFileSystem.INSTANCE;
    fs = new FaultInjectingFileSystem(delegate, 42);
    dir = tmp.resolve("db");
    fs.createDirectories(dir);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7 + 1);
    }
    return b;
  }

  /**
   * Creates {@code name} with {@code synced} bytes made durable and {@code extra} more that are
   * not.
   */
  private WritableFile halfSyncedFile(String name, byte[] data, int synced) throws IOException {
    WritableFile w = fs.create(dir.resolve(name));
    fs.syncDirectory(dir);
    w.append(data, 0, synced);
    w.sync();
    w.append(data, synced, data.length - synced);
    w.flush();
    return w;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void crashCutsEachFileBackToItsSyncedLength(String kind) throws IOException {
    setUp(kind);
    byte[] data = pattern(150);
    halfSyncedFile("000003.wal", data, 100);
    assertEquals(100, fs.durableLength(dir.resolve("000003.wal")));
    fs.simulateCrash();
    assertArrayEquals(Arrays.copyOf(data, 100), TestFiles.read(fs, dir.resolve("000003.wal")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void garbageCrashKeepsTheLengthButScramblesTheUnsyncedTail(String kind) throws IOException {
    setUp(kind);
    byte[] data = pattern(150);
    halfSyncedFile("000003.wal", data, 100);
    fs.simulateCrash(true);
    byte[] after = TestFiles.read(fs, dir.resolve("000003.wal"));
    assertEquals(150, after.length);
    assertArrayEquals(Arrays.copyOf(data, 100), Arrays.copyOf(after, 100));
    assertFalse(Arrays.equals(data, 100, 150, after, 100, 150));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void fileCreatedWithoutDirectorySyncVanishes(String kind) throws IOException {
    setUp(kind);
    TestFiles.write(fs, dir.resolve("kept.sst"), bytes("data and name synced"));
    fs.syncDirectory(dir);
    TestFiles.write(fs, dir.resolve("lost.sst"), bytes("data synced, name not"));
    assertTrue(fs.exists(dir.resolve("lost.sst")));
    fs.simulateCrash();
    assertFalse(fs.exists(dir.resolve("lost.sst")));
    assertArrayEquals(bytes("data and name synced"), TestFiles.read(fs, dir.resolve("kept.sst")));
    assertEquals(java.util.List.of("kept.sst"), fs.list(dir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void unsyncedRenameIsUndoneAndRestoresTheReplacedFile(String kind) throws IOException {
    setUp(kind);
    Path current = dir.resolve("CURRENT");
    Path temp = dir.resolve("CURRENT.tmp");
    TestFiles.write(fs, current, bytes("MANIFEST-000001\n"));
    fs.syncDirectory(dir);
    TestFiles.write(fs, temp, bytes("MANIFEST-000009\n"));
    fs.rename(temp, current);
    assertArrayEquals(bytes("MANIFEST-000009\n"), TestFiles.read(fs, current));
    fs.simulateCrash();
    assertArrayEquals(bytes("MANIFEST-000001\n"), TestFiles.read(fs, current));
    assertFalse(fs.exists(temp), "the temp file's creation was never made durable either");

    // The same sequence with the directory synced after the rename sticks.
    TestFiles.write(fs, temp, bytes("MANIFEST-000010\n"));
    fs.rename(temp, current);
    fs.syncDirectory(dir);
    fs.simulateCrash();
    assertArrayEquals(bytes("MANIFEST-000010\n"), TestFiles.read(fs, current));
    assertFalse(fs.exists(temp));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void undoneRenameBringsBackTheSourceWhenItsCreationWasDurable(String kind) throws IOException {
    setUp(kind);
    Path temp = dir.resolve("x.tmp");
    Path target = dir.resolve("000004.sst");
    TestFiles.write(fs, temp, bytes("table"));
    fs.syncDirectory(dir);
    fs.rename(temp, target);
    fs.simulateCrash();
    assertFalse(fs.exists(target));
    assertArrayEquals(bytes("table"), TestFiles.read(fs, temp));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void filesFromBeforeTheWrapperAndDeletionsSurviveACrash(String kind) throws IOException {
    setUp(kind);
    delegate.createDirectories(dir);
    TestFiles.write(delegate, dir.resolve("old"), bytes("pre-existing"));
    TestFiles.write(fs, dir.resolve("deleted"), bytes("x"));
    fs.syncDirectory(dir);
    fs.deleteIfExists(dir.resolve("deleted"));
    fs.simulateCrash();
    assertArrayEquals(bytes("pre-existing"), TestFiles.read(fs, dir.resolve("old")));
    assertFalse(fs.exists(dir.resolve("deleted")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void handlesFromBeforeTheCrashFailButNewOnesWork(String kind) throws IOException {
    setUp(kind);
    WritableFile w = halfSyncedFile("000005.wal", pattern(10), 10);
    ReadableFile r = fs.openRead(dir.resolve("000005.wal"));
    FileLockHandle lock = fs.tryLock(dir.resolve("LOCK"));
    assertNotNull(lock);
    assertNull(fs.tryLock(dir.resolve("LOCK")));
    fs.simulateCrash();
    IOException e = assertThrows(IOException.class, () -> w.append(new byte[1]));
    assertTrue(e.getMessage().startsWith("file system crashed"), e.getMessage());
    assertThrows(IOException.class, w::sync);
    assertThrows(IOException.class, () -> r.readFully(0, 1));
    assertThrows(IOException.class, r::size);
    w.close(); // no-op, so clean-up code still runs
    r.close();
    lock.close();
    try (FileLockHandle again = fs.tryLock(dir.resolve("LOCK"))) {
      assertNotNull(again, "the crash released the lock");
    }
    try (ReadableFile fresh = fs.openRead(dir.resolve("000005.wal"))) {
      assertArrayEquals(pattern(10), fresh.readFully(0, 10));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void failWritesAfterTearsTheCrossingAppend(String kind) throws IOException {
    setUp(kind);
    Path p = dir.resolve("f");
    try (WritableFile w = fs.create(p)) {
      fs.failWritesAfter(10);
      w.append(pattern(4));
      IOException e = assertThrows(IOException.class, () -> w.append(pattern(10)));
      assertTrue(e.getMessage().startsWith("injected"), e.getMessage());
      assertThrows(IOException.class, () -> w.append(pattern(1)));
      assertEquals(10, w.size());
      fs.clearFaults();
      w.append(pattern(2));
    }
    assertEquals(12, fs.size(p));
    assertEquals(12, fs.bytesWritten());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void failedSyncsDoNotMakeDataDurable(String kind) throws IOException {
    setUp(kind);
    Path p = dir.resolve("000006.wal");
    try (WritableFile w = fs.create(p)) {
      fs.syncDirectory(dir);
      w.append(pattern(20));
      w.sync();
      assertEquals(1, fs.syncCount());
      fs.failSyncs(true);
      w.append(pattern(5));
      assertThrows(IOException.class, w::sync);
      assertThrows(IOException.class, () -> fs.syncDirectory(dir));
      assertEquals(20, fs.durableLength(p));
      assertEquals(1, fs.syncCount());
      fs.failSyncs(false);
    }
    fs.simulateCrash();
    assertEquals(20, fs.size(p));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void failNextOperationsHitsOnlyMatchingPathsAndCount(String kind) throws IOException {
    setUp(kind);
    Path sst = dir.resolve("000007.sst");
    Path other = dir.resolve("000008.log");
    TestFiles.write(fs, dir.resolve("a.tmp"), bytes("t"));
    fs.failNextOperations(p -> p.toString().endsWith(".sst"), OpKind.RENAME, 1);
    fs.failNextOperations(p -> p.equals(other), OpKind.CREATE, 2);
    fs.failNextOperations(p -> p.equals(sst), OpKind.READ, 1);
    fs.failNextOperations(p -> p.equals(sst), OpKind.WRITE, 1);

    assertThrows(IOException.class, () -> fs.rename(dir.resolve("a.tmp"), sst));
    assertTrue(fs.exists(dir.resolve("a.tmp")), "a failed rename changes nothing");
    fs.rename(dir.resolve("a.tmp"), sst);
    assertThrows(IOException.class, () -> fs.create(other));
    assertThrows(IOException.class, () -> fs.create(other));
    fs.create(other).close();
    try (ReadableFile r = fs.openRead(sst)) {
      assertThrows(IOException.class, () -> r.readFully(0, 1));
      assertArrayEquals(bytes("t"), r.readFully(0, 1));
    }
    try (WritableFile w = fs.create(sst)) {
      assertThrows(IOException.class, () -> w.append(bytes("x")));
      w.append(bytes("y"));
    }
    assertArrayEquals(bytes("y"), TestFiles.read(fs, sst));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void corruptFlipsOneByteVisibleToOpenReaders(String kind) throws IOException {
    setUp(kind);
    Path p = dir.resolve("000009.sst");
    byte[] data = pattern(64);
    TestFiles.write(fs, p, data);
    try (ReadableFile r = fs.openRead(p)) {
      fs.corrupt(p, 17);
      byte[] after = r.readFully(0, 64);
      assertEquals((byte) ~data[17], after[17]);
      after[17] = data[17];
      assertArrayEquals(data, after);
    }
  }
}

package io.nokv.kv.sstable;

import static io.nokv.kv.sstable.TableFiles.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Compression;
import io.nokv.kv.CorruptionException;
import io.nokv.kv.FormatVersionException;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.iterator.InternalIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TableCorruptionTest {
  @TempDir Path dir;
  private Path file;
  private NavigableMap<byte[], byte[]> model;

  @BeforeEach
  void setUp() {
    file = dir.resolve("000042.sst");
    model = TableFiles.newModel();
    for (int i = 0; i < 500; i++) {
      model.put(
          put(String.format("key%05d", i), 1), ("value-" + i + "-".repeat(i % 40)).getBytes());
    }
  }

  private List<BlockHandle> writeAndListBlocks(Compression compression) throws Exception {
    TableFiles.write(file, TableOptions.DEFAULT.withCompression(compression), model);
    try (TableReader r = TableFiles.open(file, 42, null)) {
      List<BlockHandle> handles = r.dataBlockHandles();
      assertTrue(handles.size() >= 3, "blocks: " + handles.size());
      return handles;
    }
  }

  private byte[] firstKeyOf(BlockHandle h) throws Exception {
    try (TableReader r = TableFiles.open(file, 42, null)) {
      InternalIterator it = r.dataBlock(h, false).iterator();
      it.seekToFirst();
      return it.key();
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void flippedByteInADataBlockIsReportedWithFileAndBlockOffset(Compression compression)
      throws Exception {
    List<BlockHandle> handles = writeAndListBlocks(compression);
    BlockHandle damaged = handles.get(1);
    byte[] damagedKey = firstKeyOf(damaged);
    TableFiles.flipByte(file, damaged.offset() + damaged.size() / 2);

    try (TableReader r = TableFiles.open(file, 42, null)) {
      // Blocks around the damaged one still read.
      assertArrayEquals(model.firstKey(), r.get(model.firstKey(), true).internalKey());
      assertArrayEquals(model.lastKey(), r.get(model.lastKey(), true).internalKey());

      CorruptionException viaGet =
          assertThrows(CorruptionException.class, () -> r.get(damagedKey, true));
      assertEquals(file.toString(), viaGet.file());
      assertEquals(damaged.offset(), viaGet.offset());
      assertTrue(viaGet.getMessage().contains("checksum"), viaGet.getMessage());

      InternalIterator it = r.iterator(true);
      it.seekToFirst();
      CorruptionException viaScan =
          assertThrows(
              CorruptionException.class,
              () -> {
                while (it.isValid()) {
                  it.next();
                }
              });
      assertEquals(file.toString(), viaScan.file());
      assertEquals(damaged.offset(), viaScan.offset());
      assertThrows(CorruptionException.class, () -> it.seek(damagedKey));
      it.seekToLast();
      assertThrows(
          CorruptionException.class,
          () -> {
            while (it.isValid()) {
              it.prev();
            }
          });
      it.close();
    }
  }

  @Test
  void flippedTrailerByteIsReported() throws Exception {
    List<BlockHandle> handles = writeAndListBlocks(Compression.NONE);
    BlockHandle h = handles.get(0);
    TableFiles.flipByte(file, h.offset() + h.size() + 2); // inside the CRC
    try (TableReader r = TableFiles.open(file, 42, null)) {
      CorruptionException e =
          assertThrows(CorruptionException.class, () -> r.get(model.firstKey(), true));
      assertEquals(0, e.offset());
    }
  }

  /** Rewrites a block's stored bytes and type, with a valid CRC, so that only decoding can fail. */
  private void rewriteBlock(BlockHandle h, int type, java.util.function.Consumer<byte[]> edit)
      throws Exception {
    byte[] all = Files.readAllBytes(file);
    int start = (int) h.offset();
    int typeAt = start + (int) h.size();
    byte[] stored = java.util.Arrays.copyOfRange(all, start, typeAt);
    edit.accept(stored);
    System.arraycopy(stored, 0, all, start, stored.length);
    all[typeAt] = (byte) type;
    CRC32C crc = new CRC32C();
    crc.update(all, start, (int) h.size() + 1);
    Coding.putInt(all, typeAt + 1, (int) crc.getValue());
    Files.write(file, all);
  }

  @Test
  void unknownCompressionIdIsReported() throws Exception {
    BlockHandle h = writeAndListBlocks(Compression.NONE).get(2);
    byte[] key = firstKeyOf(h);
    rewriteBlock(h, 7, b -> {});
    try (TableReader r = TableFiles.open(file, 42, null)) {
      CorruptionException e = assertThrows(CorruptionException.class, () -> r.get(key, true));
      assertEquals(h.offset(), e.offset());
      assertTrue(e.getMessage().contains("compression id 7"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"LZ4", "ZSTD"})
  void failedDecompressionIsReported(Compression compression) throws Exception {
    BlockHandle h = writeAndListBlocks(compression).get(1);
    byte[] key = firstKeyOf(h);
    rewriteBlock(
        h,
        compression.id(),
        b -> {
          for (int i = 2; i < b.length; i++) {
            b[i] = (byte) (b[i] * 31 + 7);
          }
        });
    try (TableReader r = TableFiles.open(file, 42, null)) {
      CorruptionException e = assertThrows(CorruptionException.class, () -> r.get(key, true));
      assertEquals(file.toString(), e.file());
      assertEquals(h.offset(), e.offset());
    }
  }

  @Test
  void badMagicIsCorruption() throws Exception {
    TableFiles.write(file, TableOptions.DEFAULT, model);
    long size = Files.size(file);
    TableFiles.flipByte(file, size - 1);
    CorruptionException e =
        assertThrows(CorruptionException.class, () -> TableFiles.open(file, 42, null));
    assertEquals(file.toString(), e.file());
    assertEquals(size - 8, e.offset());
    assertFalse(e instanceof FormatVersionException);
  }

  @Test
  void damagedFooterHandleFailsTheChecksum() throws Exception {
    TableFiles.write(file, TableOptions.DEFAULT, model);
    long size = Files.size(file);
    TableFiles.flipByte(file, size - Footer.SIZE + 3); // index handle offset
    CorruptionException e =
        assertThrows(CorruptionException.class, () -> TableFiles.open(file, 42, null));
    assertTrue(e.getMessage().contains("footer checksum"), e.getMessage());
    assertEquals(size - Footer.SIZE, e.offset());
  }

  @Test
  void unknownVersionIsAFormatVersionException() throws Exception {
    TableFiles.write(file, TableOptions.DEFAULT, model);
    byte[] all = Files.readAllBytes(file);
    int footer = all.length - Footer.SIZE;
    Coding.putInt(all, footer + 48, 2);
    Coding.putInt(all, footer + 52, Checksums.crc32c(all, footer, 52));
    Files.write(file, all);
    FormatVersionException e =
        assertThrows(FormatVersionException.class, () -> TableFiles.open(file, 42, null));
    assertEquals(2, e.foundVersion());
    assertEquals(file.toString(), e.file());
  }

  @Test
  void truncatedFileIsCorruption() throws Exception {
    TableFiles.write(file, TableOptions.DEFAULT, model);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 100));
    CorruptionException e =
        assertThrows(CorruptionException.class, () -> TableFiles.open(file, 42, null));
    assertEquals(file.toString(), e.file());
    Files.write(file, new byte[10]);
    e = assertThrows(CorruptionException.class, () -> TableFiles.open(file, 42, null));
    assertEquals(0, e.offset());
  }

  @Test
  void fileShorterThanTheManifestSaysIsAShortRead() throws Exception {
    TableFiles.write(file, TableOptions.DEFAULT, model);
    long size = Files.size(file);
    CorruptionException e =
        assertThrows(
            CorruptionException.class,
            () ->
                TableReader.open(
                    io.nokv.kv.fs.LocalFileSystem.INSTANCE.openRead(file),
                    file.toString(),
                    42,
                    size + 10,
                    null));
    assertTrue(
        e.getMessage().contains("short read") || e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void propertiesSkipTagsFromNewerWriters() {
    TableProperties p =
        new TableProperties(
            3,
            1,
            1,
            30,
            40,
            5,
            9,
            put("a", 9),
            put("c", 5),
            1,
            0,
            0,
            0,
            Footer.FORMAT_VERSION,
            Compression.LZ4);
    byte[] encoded = p.encode();
    // Append an unknown field (tag 99, 3 bytes) and bump the count.
    byte[] extended = java.util.Arrays.copyOf(encoded, encoded.length + 5);
    extended[0]++;
    extended[encoded.length] = 99;
    extended[encoded.length + 1] = 3;
    TableProperties decoded = TableProperties.decode(extended, 0, 0, 0, Footer.FORMAT_VERSION);
    assertEquals(p, decoded);
    assertNotNull(decoded.toString());
    assertEquals(5, InternalKey.sequence(decoded.largestKey()));
  }
}

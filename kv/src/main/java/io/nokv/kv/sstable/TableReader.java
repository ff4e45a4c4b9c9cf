package io.nokv.kv.sstable;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.KvIOException;
import io.nokv.kv.cache.BlockCache;
import io.nokv.kv.fs.ReadableFile;
import io.nokv.kv.iterator.InternalIterator;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An open SSTable (layout in {@link TableBuilder}). Opening reads and verifies the footer and loads
 * the index block, the bloom filter and the properties into memory; data blocks are read on demand,
 * through the {@link BlockCache} when one is given.
 *
 * <p>Thread-safe: any number of threads may call {@link #get} and use their own {@link #iterator}s
 * at once (reads are positional). The reader owns the {@link ReadableFile} from {@link #open} on:
 * {@link #close()} closes it, and so does {@code open} when it fails. Callers must not close a
 * reader while gets or iterators are in flight (the table cache reference-counts readers for that).
 *
 * <p>Errors: damage -> {@link CorruptionException} naming the file and the offset of the damaged
 * block or footer field; unknown format version -> {@link io.nokv.kv.FormatVersionException};
 * operating-system errors -> {@link KvIOException}.
 */
public final class TableReader implements AutoCloseable {
  /** An entry found by {@link #get}: its internal key (with the sequence and type) and value. */
  public record Entry(byte[] internalKey, byte[] value) {}

  private final ReadableFile file;
  private final String fileName;
  private final long fileNumber;
  private final long fileSize;
  private final BlockCache cache;

  /** End of the block area: where the footer starts. */
  private final long blocksEnd;

  private final Block index;
  private final byte[] filter;
  private final TableProperties properties;

  private TableReader(
      ReadableFile file, String fileName, long fileNumber, long fileSize, BlockCache cache) {
    this.file = file;
    this.fileName = fileName;
    this.fileNumber = fileNumber;
    this.fileSize = fileSize;
    this.cache = cache;
    if (fileSize < Footer.SIZE) {
      throw new CorruptionException(
          fileName, 0, "file of " + fileSize + " bytes is too short for a table");
    }
    this.blocksEnd = fileSize - Footer.SIZE;
    Footer footer = Footer.decode(readFooter(), fileName, blocksEnd);
    this.index = BlockReader.readBlock(file, fileName, footer.index(), blocksEnd);
    this.filter =
        footer.filter().isNone()
            ? null
            : BlockReader.read(file, fileName, footer.filter(), blocksEnd).toArray();
    byte[] props = BlockReader.read(file, fileName, footer.properties(), blocksEnd).toArray();
    try {
      this.properties =
          TableProperties.decode(
              props,
              footer.index().size(),
              footer.filter().size(),
              fileSize,
              footer.formatVersion());
    } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
      throw new CorruptionException(
          fileName, footer.properties().offset(), "bad properties block", e);
    }
  }

  /**
   * Opens a table.
   *
   * @param file the table's contents; owned by the reader from now on
   * @param fileName the file's name or path, for error messages
   * @param fileNumber the file's number, the block cache's key
   * @param fileSize the file's size as recorded by the manifest
   * @param cache the shared block cache, or null for none
   */
  public static TableReader open(
      ReadableFile file, String fileName, long fileNumber, long fileSize, BlockCache cache) {
    try {
      return new TableReader(file, fileName, fileNumber, fileSize, cache);
    } catch (RuntimeException | Error e) {
      try {
        file.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  private byte[] readFooter() {
    byte[] b = new byte[Footer.SIZE];
    try {
      file.readFully(blocksEnd, b, 0, b.length);
    } catch (EOFException e) {
      throw new CorruptionException(fileName, blocksEnd, "short read of the footer", e);
    } catch (IOException e) {
      throw new KvIOException(fileName, blocksEnd, "read", e);
    }
    return b;
  }

  /** False if the table certainly has no entry for {@code userKey}; true when it has no filter. */
  public boolean mayContain(byte[] userKey) {
    return filter == null || BloomFilter.mayContain(filter, userKey, 0, userKey.length);
  }

  /** Whether the table was written with a bloom filter. */
  public boolean hasFilter() {
    return filter != null;
  }

  /**
   * The newest entry for a user key visible at a sequence number: the first entry whose internal
   * key is >= {@code lookupKey} (built by {@code InternalKey.forSeek(userKey, seq)}), if it has the
   * same user key; otherwise null. The entry may be a tombstone or a value pointer: the caller
   * interprets its type. Does not consult the bloom filter (the caller does, to count it).
   *
   * @param fillCache whether data blocks read from the file are added to the cache
   */
  public Entry get(byte[] lookupKey, boolean fillCache) {
    BlockIterator indexIter = index.iterator();
    indexIter.seek(lookupKey);
    // The first data block whose separator is >= the key holds the answer, unless the key falls
    // between that block's last key and its (shortened) separator: then the next block's first
    // entry is the answer.
    while (indexIter.isValid()) {
      BlockIterator it = dataBlock(indexIter.valueAsBlockHandle(), fillCache).iterator();
      it.seek(lookupKey);
      if (it.isValid()) {
        return it.currentUserKeyEquals(lookupKey) ? new Entry(it.key(), it.value()) : null;
      }
      indexIter.next();
    }
    return null;
  }

  /** A cursor over all entries; see {@link InternalIterator}. Not thread-safe itself. */
  public InternalIterator iterator(boolean fillCache) {
    return new TableIterator(this, index.iterator(), fillCache);
  }

  /**
   * Approximate file offset where {@code internalKey} would be: the offset of the data block that
   * would hold it, or the end of the data blocks when it sorts after every key.
   */
  public long approximateOffsetOf(byte[] internalKey) {
    BlockIterator indexIter = index.iterator();
    indexIter.seek(internalKey);
    if (indexIter.isValid()) {
      return indexIter.valueAsBlockHandle().offset();
    }
    indexIter.seekToLast();
    if (!indexIter.isValid()) {
      return 0;
    }
    BlockHandle last = indexIter.valueAsBlockHandle();
    return last.offset() + last.size() + BlockWriter.TRAILER_SIZE;
  }

  /** Handles of the data blocks, in key order (for tools and tests). */
  List<BlockHandle> dataBlockHandles() {
    List<BlockHandle> handles = new ArrayList<>();
    BlockIterator it = index.iterator();
    for (it.seekToFirst(); it.isValid(); it.next()) {
      handles.add(it.valueAsBlockHandle());
    }
    return handles;
  }

  /** Loads a data block: from the cache if there, else from the file (then cached if asked). */
  Block dataBlock(BlockHandle handle, boolean fillCache) {
    if (cache == null) {
      return BlockReader.readBlock(file, fileName, handle, blocksEnd);
    }
    Block b = cache.getIfPresent(fileNumber, handle.offset());
    if (b == null) {
      b = BlockReader.readBlock(file, fileName, handle, blocksEnd);
      if (fillCache) {
        cache.put(fileNumber, handle.offset(), b);
      }
    }
    return b;
  }

  public TableProperties properties() {
    return properties;
  }

  public long fileNumber() {
    return fileNumber;
  }

  public long fileSize() {
    return fileSize;
  }

  public String fileName() {
    return fileName;
  }

  /**
   * Closes the file.
   *
   * @throws KvIOException if closing fails
   */
  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      throw new KvIOException(fileName, "close", e);
    }
  }
}

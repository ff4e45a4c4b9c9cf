package io.nokv.kv.sstable;

import io.nokv.kv.Compression;
import io.nokv.kv.KvIOException;
import io.nokv.kv.format.ByteSink;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.fs.WritableFile;
import java.io.IOException;

/**
 * Writes an SSTable: an immutable file of (internal key, value) entries in internal-key order.
 *
 * <h2>File layout</h2>
 *
 * <pre>
 *   [data block 1][trailer] ... [data block N][trailer]
 *   [filter block][trailer]          (absent when bloomBitsPerKey = 0)
 *   [properties block][trailer]
 *   [index block][trailer]
 *   [footer]                         64 bytes, fixed size
 * </pre>
 *
 * <ul>
 *   <li><b>Data blocks</b> ({@link BlockBuilder} format) hold the entries, prefix-compressed with a
 *       restart point every {@code restartInterval} entries. A block is cut once it reaches {@code
 *       blockSize} uncompressed bytes.
 *   <li><b>Trailer</b> after every block ({@link BlockWriter}): u8 compression id and u32 CRC32C of
 *       the stored block plus that byte. A compressed block starts with the varint uncompressed
 *       length; compression is kept only when it saves at least 1/8.
 *   <li><b>Filter block</b> ({@link BloomFilter}): one bloom filter over the table's user keys,
 *       stored uncompressed.
 *   <li><b>Properties block</b> ({@link TableProperties}): tagged counts and the key range, stored
 *       uncompressed.
 *   <li><b>Index block</b>: a {@link BlockBuilder} block with a restart at every entry, one entry
 *       per data block: key = a separator >= the block's last key and < the next block's first key
 *       (shortened as in LevelDB when possible, see {@link IndexKeys}), value = the data block's
 *       {@link BlockHandle} as two varints.
 *   <li><b>Footer</b> ({@link Footer}): fixed-width handles of the index, filter and properties
 *       blocks, format version 1, a CRC32C and the magic {@code "NOKVTBL1"}.
 * </ul>
 *
 * <p>Use: {@link #add} entries in strictly increasing {@link InternalKey#compare} order, then
 * {@link #finish()} (which syncs and closes the file) or {@link #abandon()} (which only closes it;
 * the caller deletes it). The builder owns {@code out} from construction on. After any exception,
 * call {@link #abandon()}. Not thread-safe.
 *
 * <p>Key and value arrays passed to {@link #add} must not be modified afterwards (the builder keeps
 * references to the first and the last key).
 */
public final class TableBuilder {
  private final WritableFile out;
  private final String fileName;
  private final TableOptions options;
  private final BlockWriter writer;
  private final BlockBuilder dataBlock;
  private final BlockBuilder indexBlock;
  private final BloomFilter.Builder filter;
  private final ByteSink handleBuf = new ByteSink(BlockHandle.MAX_ENCODED_LENGTH);

  private byte[] firstKey;
  private byte[] lastKey;

  /** Handle of the last flushed data block, indexed once the next key (or finish) is known. */
  private BlockHandle pendingHandle;

  private boolean closed;

  private long numEntries;
  private long numDeletions;
  private long numValuePointers;
  private long rawKeyBytes;
  private long rawValueBytes;
  private long smallestSeq = Long.MAX_VALUE;
  private long largestSeq = Long.MIN_VALUE;
  private long dataBlocks;

  public TableBuilder(WritableFile out, String fileName, TableOptions options) {
    this.out = out;
    this.fileName = fileName;
    this.options = options;
    this.writer = new BlockWriter(out);
    this.dataBlock =
        new BlockBuilder(options.restartInterval(), options.blockSize() + options.blockSize() / 4);
    this.indexBlock = new BlockBuilder(1, 1024);
    this.filter =
        options.bloomBitsPerKey() > 0 ? new BloomFilter.Builder(options.bloomBitsPerKey()) : null;
  }

  /**
   * Adds an entry.
   *
   * @throws IllegalArgumentException if {@code internalKey} is not an internal key or does not sort
   *     after the previous one
   * @throws KvIOException if writing a finished block fails
   */
  public void add(byte[] internalKey, byte[] value) {
    checkOpen();
    if (internalKey.length < InternalKey.TRAILER_SIZE) {
      throw new IllegalArgumentException("not an internal key: " + internalKey.length + " bytes");
    }
    // One user-key comparison serves both the order check and the filter's duplicate check.
    boolean newUserKey = true;
    if (lastKey != null) {
      int c = InternalKey.compareUserKeys(lastKey, internalKey);
      if (c > 0
          || (c == 0
              && Long.compareUnsigned(
                      InternalKey.trailer(lastKey), InternalKey.trailer(internalKey))
                  <= 0)) {
        throw new IllegalArgumentException(
            "keys out of order in "
                + fileName
                + ": "
                + InternalKey.describe(internalKey)
                + " after "
                + InternalKey.describe(lastKey));
      }
      newUserKey = c != 0;
    }
    if (pendingHandle != null) {
      addIndexEntry(IndexKeys.separator(lastKey, internalKey));
    }
    if (filter != null && newUserKey) {
      filter.add(internalKey, 0, internalKey.length - InternalKey.TRAILER_SIZE);
    }
    dataBlock.add(internalKey, value);

    numEntries++;
    rawKeyBytes += internalKey.length;
    rawValueBytes += value.length;
    byte type = InternalKey.type(internalKey);
    if (type == ValueType.DELETE) {
      numDeletions++;
    } else if (type == ValueType.VALUE_POINTER) {
      numValuePointers++;
    }
    long seq = InternalKey.sequence(internalKey);
    smallestSeq = Math.min(smallestSeq, seq);
    largestSeq = Math.max(largestSeq, seq);
    if (firstKey == null) {
      firstKey = internalKey;
    }
    lastKey = internalKey;

    if (dataBlock.currentSizeEstimate() >= options.blockSize()) {
      flushDataBlock();
    }
  }

  /** Bytes written so far plus the pending data block: what the file would be if cut now. */
  public long estimatedSize() {
    return out.size() + (dataBlock.isEmpty() ? 0 : dataBlock.currentSizeEstimate());
  }

  public long numEntries() {
    return numEntries;
  }

  public String fileName() {
    return fileName;
  }

  /**
   * Writes the last data block and the filter, properties and index blocks and the footer, syncs
   * and closes the file.
   *
   * @return the table's properties, with every field filled in
   * @throws KvIOException if writing, syncing or closing fails (the file is closed)
   */
  public TableProperties finish() {
    checkOpen();
    flushDataBlock();
    try {
      BlockHandle filterHandle = BlockHandle.NONE;
      if (filter != null) {
        byte[] bits = filter.finish();
        filterHandle = writer.write(bits, bits.length, Compression.NONE);
      }
      if (pendingHandle != null) {
        addIndexEntry(IndexKeys.successor(lastKey));
      }
      TableProperties props =
          new TableProperties(
              numEntries,
              numDeletions,
              numValuePointers,
              rawKeyBytes,
              rawValueBytes,
              numEntries == 0 ? 0 : smallestSeq,
              numEntries == 0 ? 0 : largestSeq,
              firstKey,
              lastKey,
              dataBlocks,
              0,
              filterHandle.size(),
              0,
              Footer.FORMAT_VERSION,
              options.compression());
      byte[] propsBytes = props.encode();
      BlockHandle propsHandle = writer.write(propsBytes, propsBytes.length, Compression.NONE);
      byte[] index = indexBlock.finish();
      BlockHandle indexHandle =
          writer.write(index, indexBlock.finishedLength(), options.compression());
      out.append(
          new Footer(indexHandle, filterHandle, propsHandle, Footer.FORMAT_VERSION).encode());
      out.sync();
      closed = true;
      out.close();
      return new TableProperties(
          props.numEntries(),
          props.numDeletions(),
          props.numValuePointers(),
          props.rawKeyBytes(),
          props.rawValueBytes(),
          props.smallestSeq(),
          props.largestSeq(),
          firstKey,
          lastKey,
          dataBlocks,
          indexHandle.size(),
          filterHandle.size(),
          out.size(),
          Footer.FORMAT_VERSION,
          options.compression());
    } catch (IOException e) {
      throw failed("finish", e);
    }
  }

  /**
   * Closes the file without completing it; the caller deletes it. Does nothing if already closed.
   *
   * @throws KvIOException if closing fails
   */
  public void abandon() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new KvIOException(fileName, out.size(), "close", e);
    }
  }

  private void flushDataBlock() {
    if (dataBlock.isEmpty()) {
      return;
    }
    byte[] contents = dataBlock.finish();
    try {
      pendingHandle = writer.write(contents, dataBlock.finishedLength(), options.compression());
    } catch (IOException e) {
      throw failed("write", e);
    }
    dataBlock.reset();
    dataBlocks++;
  }

  private void addIndexEntry(byte[] separator) {
    handleBuf.reset();
    pendingHandle.encodeTo(handleBuf);
    indexBlock.add(separator, handleBuf.array(), 0, handleBuf.size());
    pendingHandle = null;
  }

  /** Closes the file after a failed write and returns the exception to throw. */
  private KvIOException failed(String what, IOException e) {
    KvIOException ex = new KvIOException(fileName, out.size(), what, e);
    if (!closed) {
      closed = true;
      try {
        out.close();
      } catch (IOException closeFailure) {
        ex.addSuppressed(closeFailure);
      }
    }
    return ex;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("table builder for " + fileName + " is closed");
    }
  }
}

package io.nokv.kv.sstable;

import io.nokv.kv.Compression;
import io.nokv.kv.format.ByteSink;
import io.nokv.kv.format.Coding;
import io.nokv.kv.format.InternalKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * Facts about one table, gathered while it is built: counts, sizes, the key and sequence range.
 * Keys are internal keys ({@code null} for an empty table).
 *
 * <p>The properties block stores the fields the writer knows before it writes the block, as
 * self-describing tagged fields, so that fields can be added later and old readers skip them:
 *
 * <pre>
 *   properties := varint count, count * field
 *   field      := varint tag, varint length, byte[length] value
 *
 *   tag  field             value
 *    1   numEntries        varint
 *    2   numDeletions      varint   (entries of type DELETE)
 *    3   numValuePointers  varint   (entries of type VALUE_POINTER)
 *    4   rawKeyBytes       varint   (sum of internal key lengths)
 *    5   rawValueBytes     varint   (sum of value lengths, as added)
 *    6   smallestSeq       varint
 *    7   largestSeq        varint
 *    8   smallestKey       bytes    (absent in an empty table)
 *    9   largestKey        bytes    (absent in an empty table)
 *   10   dataBlocks        varint
 *   11   compression       varint   (Compression.id of the table's option)
 * </pre>
 *
 * {@code indexSize}, {@code filterSize}, {@code fileSize} and {@code formatVersion} are not in the
 * block: a reader takes them from the footer and the file size.
 */
public record TableProperties(
    long numEntries,
    long numDeletions,
    long numValuePointers,
    long rawKeyBytes,
    long rawValueBytes,
    long smallestSeq,
    long largestSeq,
    byte[] smallestKey,
    byte[] largestKey,
    long dataBlocks,
    long indexSize,
    long filterSize,
    long fileSize,
    int formatVersion,
    Compression compression) {

  static final int NUM_ENTRIES = 1;
  static final int NUM_DELETIONS = 2;
  static final int NUM_VALUE_POINTERS = 3;
  static final int RAW_KEY_BYTES = 4;
  static final int RAW_VALUE_BYTES = 5;
  static final int SMALLEST_SEQ = 6;
  static final int LARGEST_SEQ = 7;
  static final int SMALLEST_KEY = 8;
  static final int LARGEST_KEY = 9;
  static final int DATA_BLOCKS = 10;
  static final int COMPRESSION = 11;

  /** The properties block contents. */
  byte[] encode() {
    ByteSink out = new ByteSink(128);
    int numbers = 9; // tags 1-7, 10 and 11
    out.putVarint(numbers + (smallestKey != null ? 1 : 0) + (largestKey != null ? 1 : 0));
    putNumber(out, NUM_ENTRIES, numEntries);
    putNumber(out, NUM_DELETIONS, numDeletions);
    putNumber(out, NUM_VALUE_POINTERS, numValuePointers);
    putNumber(out, RAW_KEY_BYTES, rawKeyBytes);
    putNumber(out, RAW_VALUE_BYTES, rawValueBytes);
    putNumber(out, SMALLEST_SEQ, smallestSeq);
    putNumber(out, LARGEST_SEQ, largestSeq);
    if (smallestKey != null) {
      out.putVarint(SMALLEST_KEY).putLengthPrefixed(smallestKey);
    }
    if (largestKey != null) {
      out.putVarint(LARGEST_KEY).putLengthPrefixed(largestKey);
    }
    putNumber(out, DATA_BLOCKS, dataBlocks);
    putNumber(out, COMPRESSION, compression.id());
    return out.toByteArray();
  }

  private static void putNumber(ByteSink out, int tag, long value) {
    out.putVarint(tag).putVarint(Coding.varintLength(value)).putVarint(value);
  }

  /**
   * Decodes a properties block; the footer-derived fields are passed in.
   *
   * @throws IllegalStateException or {@link ArrayIndexOutOfBoundsException} on malformed input (the
   *     caller names the file)
   */
  static TableProperties decode(
      byte[] b, long indexSize, long filterSize, long fileSize, int formatVersion) {
    long[] numbers = new long[COMPRESSION + 1];
    byte[] smallest = null;
    byte[] largest = null;
    int[] pos = {0};
    int count = Coding.getVarint32(b, pos);
    for (int i = 0; i < count; i++) {
      int tag = Coding.getVarint32(b, pos);
      int len = Coding.getVarint32(b, pos);
      int start = pos[0];
      if (len > b.length - start) {
        throw new IllegalStateException(
            "property " + tag + " of " + len + " bytes overruns the block");
      }
      switch (tag) {
        case SMALLEST_KEY -> smallest = Arrays.copyOfRange(b, start, start + len);
        case LARGEST_KEY -> largest = Arrays.copyOfRange(b, start, start + len);
        default -> {
          if (tag < numbers.length) {
            numbers[tag] = Coding.getVarint(b, pos);
            if (pos[0] != start + len) {
              throw new IllegalStateException("property " + tag + " has a bad length " + len);
            }
          }
        }
      }
      pos[0] = start + len; // also skips tags this version does not know
    }
    if (pos[0] != b.length) {
      throw new IllegalStateException("trailing bytes after " + count + " properties");
    }
    Compression compression = Compression.fromId((int) numbers[COMPRESSION]);
    if (compression == null) {
      throw new IllegalStateException("unknown compression id " + numbers[COMPRESSION]);
    }
    return new TableProperties(
        numbers[NUM_ENTRIES],
        numbers[NUM_DELETIONS],
        numbers[NUM_VALUE_POINTERS],
        numbers[RAW_KEY_BYTES],
        numbers[RAW_VALUE_BYTES],
        numbers[SMALLEST_SEQ],
        numbers[LARGEST_SEQ],
        smallest,
        largest,
        numbers[DATA_BLOCKS],
        indexSize,
        filterSize,
        fileSize,
        formatVersion,
        compression);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableProperties p
        && numEntries == p.numEntries
        && numDeletions == p.numDeletions
        && numValuePointers == p.numValuePointers
        && rawKeyBytes == p.rawKeyBytes
        && rawValueBytes == p.rawValueBytes
        && smallestSeq == p.smallestSeq
        && largestSeq == p.largestSeq
        && Arrays.equals(smallestKey, p.smallestKey)
        && Arrays.equals(largestKey, p.largestKey)
        && dataBlocks == p.dataBlocks
        && indexSize == p.indexSize
        && filterSize == p.filterSize
        && fileSize == p.fileSize
        && formatVersion == p.formatVersion
        && compression == p.compression;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        numEntries, rawKeyBytes, rawValueBytes, largestSeq, Arrays.hashCode(largestKey), fileSize);
  }

  @Override
  public String toString() {
    return "TableProperties{entries="
        + numEntries
        + ", deletions="
        + numDeletions
        + ", valuePointers="
        + numValuePointers
        + ", rawKeyBytes="
        + rawKeyBytes
        + ", rawValueBytes="
        + rawValueBytes
        + ", seq=["
        + smallestSeq
        + ", "
        + largestSeq
        + "]"
        + ", keys=["
        + InternalKey.describe(smallestKey)
        + ", "
        + InternalKey.describe(largestKey)
        + "]"
        + ", dataBlocks="
        + dataBlocks
        + ", indexSize="
        + indexSize
        + ", filterSize="
        + filterSize
        + ", fileSize="
        + fileSize
        + ", formatVersion="
        + formatVersion
        + ", compression="
        + compression
        + "}";
  }
}

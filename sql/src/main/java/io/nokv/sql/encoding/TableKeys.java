package io.nokv.sql.encoding;

import java.nio.charset.StandardCharsets;

/**
 * Where tables, indexes and the catalog live in the transactional key space (the txn layer adds its
 * own escaping and prefixes around these user keys).
 *
 * <pre>
 * catalog entry   'c' name(UTF-8)
 * row             't' tableId(8, big-endian) '_' 'r' pk columns
 * index entry     't' tableId(8) '_' 'i' indexId(8, big-endian) index columns [pk columns]
 * </pre>
 *
 * Columns are {@link KeyCodec} encodings. Ids are non-negative, so big-endian order is id order and
 * one table's rows and indexes are contiguous. A non-unique index entry ends with the pk columns,
 * which make it unique. A UNIQUE index entry keeps the pk in its value instead, so a second row
 * with the same indexed values collides on the key; but SQL lets a UNIQUE column hold many NULLs,
 * so an entry with any NULL indexed value is keyed like a non-unique one ({@link #pkInIndexKey}).
 */
public final class TableKeys {
  /** First byte of every catalog key; {@code catalogKey("")} is the prefix of them all. */
  public static final byte CATALOG_PREFIX = 'c';

  /** First byte of every table's rows and indexes. */
  public static final byte TABLE_PREFIX = 't';

  /** Length of {@link #rowPrefix}: where a row key's pk columns start. */
  public static final int ROW_PREFIX_LENGTH = 11;

  /** Length of {@link #indexPrefix}: where an index entry's columns start. */
  public static final int INDEX_PREFIX_LENGTH = 19;

  private TableKeys() {}

  /** The key of catalog entry {@code name}. */
  public static byte[] catalogKey(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[1 + utf8.length];
    key[0] = CATALOG_PREFIX;
    System.arraycopy(utf8, 0, key, 1, utf8.length);
    return key;
  }

  /** Prefix of all of a table's keys, rows and indexes: {@code 't' tableId}. */
  public static byte[] tablePrefix(long tableId) {
    KeyWriter out = new KeyWriter(9);
    writeTablePrefix(out, tableId);
    return out.toByteArray();
  }

  /** Prefix of a table's row keys. */
  public static byte[] rowPrefix(long tableId) {
    KeyWriter out = new KeyWriter(ROW_PREFIX_LENGTH);
    writeRowPrefix(out, tableId);
    return out.toByteArray();
  }

  /** A row's key, given its encoded pk columns ({@link KeyCodec#encodeKey}). */
  public static byte[] rowKey(long tableId, byte[] encodedPk) {
    KeyWriter out = new KeyWriter(ROW_PREFIX_LENGTH + encodedPk.length);
    writeRowPrefix(out, tableId);
    return out.writeRaw(encodedPk).toByteArray();
  }

  /** Prefix of one index's entries. */
  public static byte[] indexPrefix(long tableId, long indexId) {
    KeyWriter out = new KeyWriter(INDEX_PREFIX_LENGTH);
    writeIndexPrefix(out, tableId, indexId);
    return out.toByteArray();
  }

  /**
   * An index entry's key, given its encoded columns: the index columns, followed by the pk columns
   * when {@link #pkInIndexKey} says so.
   */
  public static byte[] indexKey(long tableId, long indexId, byte[] encodedColumns) {
    KeyWriter out = new KeyWriter(INDEX_PREFIX_LENGTH + encodedColumns.length);
    writeIndexPrefix(out, tableId, indexId);
    return out.writeRaw(encodedColumns).toByteArray();
  }

  /**
   * Whether an index entry's key carries the pk columns: always for a non-unique index; for a
   * UNIQUE one only when an indexed value is NULL (NULLs never collide).
   */
  public static boolean pkInIndexKey(boolean unique, Object[] indexedValues) {
    if (!unique) {
      return true;
    }
    for (Object v : indexedValues) {
      if (v == null) {
        return true;
      }
    }
    return false;
  }

  /** Appends {@code 't' tableId '_' 'r'}: build a row key in a reused writer. */
  public static void writeRowPrefix(KeyWriter out, long tableId) {
    writeTablePrefix(out, tableId);
    out.put('_');
    out.put('r');
  }

  /** Appends {@code 't' tableId '_' 'i' indexId}: build an index key in a reused writer. */
  public static void writeIndexPrefix(KeyWriter out, long tableId, long indexId) {
    writeTablePrefix(out, tableId);
    out.put('_');
    out.put('i');
    out.putLong(checkId("index", indexId));
  }

  private static void writeTablePrefix(KeyWriter out, long tableId) {
    out.put(TABLE_PREFIX);
    out.putLong(checkId("table", tableId));
  }

  private static long checkId(String what, long id) {
    if (id < 0) {
      throw new IllegalArgumentException(what + " id " + id + " is negative");
    }
    return id;
  }
}

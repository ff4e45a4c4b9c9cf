package io.nokv.sql.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where the catalog lives in the transactional keyspace: everything under the one-byte prefix
 * {@code 'c'}, apart from the tables' data under {@code 't'}.
 * <ul>
 *   <li>{@code c m}: the catalog record (version, next table id)
 *   <li>{@code c s {name}}: a schema
 *   <li>{@code c t {tableId:8}}: a table definition
 *   <li>{@code c r {tableId:8}}: the next hidden row id of a table without a primary key
 * </ul>
 */
public final class CatalogKeys {
  public static final byte PREFIX = 'c';
  public static final byte[] META = {PREFIX, 'm'};
  public static final byte[] SCHEMA_PREFIX = {PREFIX, 's'};
  public static final byte[] TABLE_PREFIX = {PREFIX, 't'};

  private CatalogKeys() {}

  public static byte[] schema(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + n.length).put(SCHEMA_PREFIX).put(n).array();
  }

  public static String schemaName(byte[] key) {
    return new String(key, 2, key.length - 2, StandardCharsets.UTF_8);
  }

  public static byte[] table(long tableId) {
    return ByteBuffer.allocate(10).put(TABLE_PREFIX).putLong(tableId).array();
  }

  public static byte[] rowIdCounter(long tableId) {
    return ByteBuffer.allocate(10).put(PREFIX).put((byte) 'r').putLong(tableId).array();
  }

  /** The smallest key after every key starting with {@code prefix} (prefixes here never end in 0xFF). */
  public static byte[] end(byte[] prefix) {
    byte[] e = prefix.clone();
    e[e.length - 1]++;
    return e;
  }
}

package io.nokv.server.resp.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The metadata record of one Redis key (stored at {@link RespKeys#meta}); immutable, change it
 * with the {@code with...} methods and write it back with {@link Keyspace#putMeta}.
 *
 * <pre>
 * byte    format (1)
 * byte    type code ({@link RedisType#code})
 * u64     expireAt, Unix milliseconds; 0 = no expiry
 * u64     stamp: start timestamp of the last transaction that wrote the key (WATCH compares it)
 * string: the value bytes (the rest of the record)
 * others: u64 version (names the member keys), u64 size (members or elements),
 *         list only: u64 head (index of the first element)
 * </pre>
 *
 * <p>The engine checksums every block and WAL record; the record's first byte lets a later
 * release change the layout (a record of an unknown format is a {@link RespFormatException}).
 */
public record KeyMeta(RedisType type, long expireAt, long stamp, long version, long size, long head, byte[] value) {
  static final byte FORMAT = 1;
  private static final int HEADER = 1 + 1 + 8 + 8;

  /** A string key with this value and no expiry. */
  public static KeyMeta string(byte[] value) {
    return new KeyMeta(RedisType.STRING, 0, 0, 0, 0, 0, value);
  }

  /** An empty collection of {@code type} whose members are named by {@code version}. */
  public static KeyMeta collection(RedisType type, long version) {
    if (!type.isCollection()) {
      throw new IllegalArgumentException(type + " is not a collection");
    }
    return new KeyMeta(type, 0, 0, version, 0, 0, null);
  }

  public boolean hasExpiry() {
    return expireAt != 0;
  }

  /** Whether the key is gone at {@code nowMillis}: reads treat it as missing from its expiry on. */
  public boolean isExpiredAt(long nowMillis) {
    return expireAt != 0 && expireAt <= nowMillis;
  }

  public KeyMeta withValue(byte[] newValue) {
    return new KeyMeta(type, expireAt, stamp, version, size, head, newValue);
  }

  public KeyMeta withSize(long newSize) {
    return new KeyMeta(type, expireAt, stamp, version, newSize, head, value);
  }

  /** For lists: the first element's index and the element count. */
  public KeyMeta withHeadAndSize(long newHead, long newSize) {
    return new KeyMeta(type, expireAt, stamp, version, newSize, newHead, value);
  }

  /** 0 removes the expiry. */
  public KeyMeta withExpireAt(long millis) {
    return new KeyMeta(type, millis, stamp, version, size, head, value);
  }

  KeyMeta withStamp(long newStamp) {
    return new KeyMeta(type, expireAt, newStamp, version, size, head, value);
  }

  public byte[] encode() {
    if (type == RedisType.STRING) {
      return ByteBuffer.allocate(HEADER + value.length)
          .put(FORMAT).put(type.code).putLong(expireAt).putLong(stamp).put(value).array();
    }
    ByteBuffer b = ByteBuffer.allocate(HEADER + 16 + (type == RedisType.LIST ? 8 : 0))
        .put(FORMAT).put(type.code).putLong(expireAt).putLong(stamp).putLong(version).putLong(size);
    if (type == RedisType.LIST) {
      b.putLong(head);
    }
    return b.array();
  }

  public static KeyMeta decode(byte[] record) {
    if (record.length < HEADER || record[0] != FORMAT) {
      throw new RespFormatException("RESP metadata record of " + record.length + " bytes has format "
          + (record.length == 0 ? "none" : record[0]) + ", expected " + FORMAT);
    }
    ByteBuffer b = ByteBuffer.wrap(record);
    b.get();
    RedisType type = RedisType.ofCode(b.get());
    long expireAt = b.getLong();
    long stamp = b.getLong();
    if (type == RedisType.STRING) {
      return new KeyMeta(type, expireAt, stamp, 0, 0, 0, Arrays.copyOfRange(record, HEADER, record.length));
    }
    int want = HEADER + 16 + (type == RedisType.LIST ? 8 : 0);
    if (record.length != want) {
      throw new RespFormatException("RESP " + type.redisName + " metadata record has " + record.length
          + " bytes, expected " + want);
    }
    long version = b.getLong();
    long size = b.getLong();
    long head = type == RedisType.LIST ? b.getLong() : 0;
    return new KeyMeta(type, expireAt, stamp, version, size, head, null);
  }
}

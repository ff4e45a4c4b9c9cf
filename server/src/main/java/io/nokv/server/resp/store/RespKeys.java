package io.nokv.server.resp.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Where the gateway's data lives in the transactional keyspace: everything under the prefix byte
 * {@code 'R'} (SQL uses {@code 't'} and {@code 'c'}), then a sub-space byte:
 *
 * <pre>
 * R F                                   -> format marker (magic NKRS, version, CRC32C)
 * R m {key}                             -> metadata: {@link KeyMeta} (type, expiry, stamp, version, size; a string's value)
 * R h {len:u32}{key}{version:u64}{field}       -> hash field value
 * R s {len:u32}{key}{version:u64}{member}      -> set member (empty value)
 * R z {len:u32}{key}{version:u64}{member}      -> zset member: its score (8 bytes, IEEE 754)
 * R Z {len:u32}{key}{version:u64}{score:sortable 8}{member} -> zset score index (empty value)
 * R l {len:u32}{key}{version:u64}{index:sortable 8}         -> list element
 * R e {expireAt:u64}{key}               -> expiry index (empty value), for background reclaim
 * R g {version:u64}{len:u32}{key}       -> reclaim queue: members of (key, version) to delete; value = type code
 * </pre>
 *
 * <p>Member keys carry the collection's version, so deleting or overwriting a key only replaces its
 * metadata; the old members become unreachable at once and are deleted later by the {@link
 * Reclaimer}. Metadata keys are not length-prefixed, so SCAN walks user keys in byte order.
 */
public final class RespKeys {
  public static final byte PREFIX = 'R';
  public static final byte FORMAT = 'F';
  public static final byte META = 'm';
  public static final byte HASH = 'h';
  public static final byte SET = 's';
  public static final byte ZSET_MEMBER = 'z';
  public static final byte ZSET_SCORE = 'Z';
  public static final byte LIST = 'l';
  public static final byte EXPIRY = 'e';
  public static final byte GARBAGE = 'g';

  private RespKeys() {}

  public static byte[] format() {
    return new byte[] {PREFIX, FORMAT};
  }

  public static byte[] meta(byte[] key) {
    byte[] k = new byte[2 + key.length];
    k[0] = PREFIX;
    k[1] = META;
    System.arraycopy(key, 0, k, 2, key.length);
    return k;
  }

  /** The first metadata key (inclusive start of a SCAN over all user keys). */
  public static byte[] metaStart() {
    return new byte[] {PREFIX, META};
  }

  /** The end (exclusive) of the metadata sub-space. */
  public static byte[] metaEnd() {
    return new byte[] {PREFIX, META + 1};
  }

  /** The user key of a metadata key. */
  public static byte[] userKeyOfMeta(byte[] metaKey) {
    return Arrays.copyOfRange(metaKey, 2, metaKey.length);
  }

  /** The common prefix of all member keys of (key, version) in {@code space} (HASH, SET, ...). */
  public static byte[] memberPrefix(byte space, byte[] key, long version) {
    return ByteBuffer.allocate(2 + 4 + key.length + 8)
        .put(PREFIX).put(space).putInt(key.length).put(key).putLong(version).array();
  }

  /** A member key: {@link #memberPrefix} followed by {@code member}. */
  public static byte[] member(byte space, byte[] key, long version, byte[] member) {
    return ByteBuffer.allocate(2 + 4 + key.length + 8 + member.length)
        .put(PREFIX).put(space).putInt(key.length).put(key).putLong(version).put(member).array();
  }

  /** The member part of a member key whose prefix is {@code prefixLength} bytes long. */
  public static byte[] memberOf(byte[] memberKey, int prefixLength) {
    return Arrays.copyOfRange(memberKey, prefixLength, memberKey.length);
  }

  public static byte[] expiry(long expireAtMillis, byte[] key) {
    return ByteBuffer.allocate(2 + 8 + key.length).put(PREFIX).put(EXPIRY).putLong(expireAtMillis).put(key).array();
  }

  public static byte[] expiryStart() {
    return new byte[] {PREFIX, EXPIRY};
  }

  /** The end (exclusive) of expiry entries due at or before {@code nowMillis}. */
  public static byte[] expiryEndAt(long nowMillis) {
    return ByteBuffer.allocate(2 + 8).put(PREFIX).put(EXPIRY).putLong(nowMillis + 1).array();
  }

  public static long expiryTimeOf(byte[] expiryKey) {
    return ByteBuffer.wrap(expiryKey, 2, 8).getLong();
  }

  public static byte[] userKeyOfExpiry(byte[] expiryKey) {
    return Arrays.copyOfRange(expiryKey, 10, expiryKey.length);
  }

  public static byte[] garbage(long version, byte[] key) {
    return ByteBuffer.allocate(2 + 8 + 4 + key.length)
        .put(PREFIX).put(GARBAGE).putLong(version).putInt(key.length).put(key).array();
  }

  public static byte[] garbageStart() {
    return new byte[] {PREFIX, GARBAGE};
  }

  public static byte[] garbageEnd() {
    return new byte[] {PREFIX, GARBAGE + 1};
  }

  public static long versionOfGarbage(byte[] garbageKey) {
    return ByteBuffer.wrap(garbageKey, 2, 8).getLong();
  }

  public static byte[] userKeyOfGarbage(byte[] garbageKey) {
    int len = ByteBuffer.wrap(garbageKey, 10, 4).getInt();
    return Arrays.copyOfRange(garbageKey, 14, 14 + len);
  }

  /** The start of the whole RESP key space and its end (exclusive): FLUSHALL's range. */
  public static byte[] allStart() {
    return new byte[] {PREFIX};
  }

  public static byte[] allEnd() {
    return new byte[] {PREFIX + 1};
  }

  /** The smallest key greater than every key starting with {@code prefix}, or null if none. */
  public static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return Arrays.copyOf(end, i + 1);
      }
    }
    return null;
  }

  /** 8 bytes that sort (unsigned, big-endian) as the signed {@code value} does. */
  public static byte[] sortableLong(long value) {
    return ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array();
  }

  public static long sortableLongAt(byte[] bytes, int offset) {
    return ByteBuffer.wrap(bytes, offset, 8).getLong() ^ Long.MIN_VALUE;
  }

  /** 8 bytes that sort (unsigned, big-endian) as the double does, -inf first, +inf last (no NaN). */
  public static byte[] sortableDouble(double value) {
    long bits = Double.doubleToLongBits(value == 0.0 ? 0.0 : value); // -0.0 sorts as 0.0
    bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    return ByteBuffer.allocate(8).putLong(bits).array();
  }

  public static double sortableDoubleAt(byte[] bytes, int offset) {
    long bits = ByteBuffer.wrap(bytes, offset, 8).getLong();
    bits = bits < 0 ? bits ^ Long.MIN_VALUE : ~bits;
    return Double.longBitsToDouble(bits);
  }
}

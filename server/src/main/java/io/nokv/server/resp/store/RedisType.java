package io.nokv.server.resp.store;

/** The Redis data types the gateway stores, with their one-byte code in the metadata record. */
public enum RedisType {
  STRING(1, "string"),
  HASH(2, "hash"),
  SET(3, "set"),
  ZSET(4, "zset"),
  LIST(5, "list");

  /** The byte stored in {@link KeyMeta}'s record; never reuse a retired code. */
  public final byte code;
  /** What TYPE answers, and what SCAN's TYPE option matches. */
  public final String redisName;

  RedisType(int code, String redisName) {
    this.code = (byte) code;
    this.redisName = redisName;
  }

  /** Whether values live in member keys (all but strings, whose value is inline in the metadata). */
  public boolean isCollection() {
    return this != STRING;
  }

  public static RedisType ofCode(byte code) {
    for (RedisType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new RespFormatException("unknown RESP type code " + code);
  }

  /** The type with this TYPE name (case-insensitive), or null. */
  public static RedisType ofName(String name) {
    for (RedisType t : values()) {
      if (t.redisName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }
}

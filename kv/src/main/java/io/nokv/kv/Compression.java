package io.nokv.kv;

/** Block compression for SSTables. The id is persisted in each block trailer: never renumber. */
public enum Compression {
  NONE(0),
  LZ4(1),
  ZSTD(2);

  private final int id;

  Compression(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Compression fromId(int id) {
    for (Compression c : values()) {
      if (c.id == id) {
        return c;
      }
    }
    return null;
  }
}

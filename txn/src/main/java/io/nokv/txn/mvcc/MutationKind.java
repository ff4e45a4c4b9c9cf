package io.nokv.txn.mvcc;

/**
 * What a transaction does to a key. {@code PUT} and {@code DELETE} change data; {@code LOCK} only
 * claims the key, so that a concurrent writer of it conflicts ({@code SELECT ... FOR UPDATE}).
 * {@code ROLLBACK} appears only in write records: it marks a transaction that will never commit.
 */
public enum MutationKind {
  PUT(1),
  DELETE(2),
  LOCK(3),
  ROLLBACK(4);

  private final int code;

  MutationKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** True for kinds that change the key's value (and so can conflict with or satisfy a read). */
  public boolean changesData() {
    return this == PUT || this == DELETE;
  }

  public static MutationKind fromCode(int code) {
    return switch (code) {
      case 1 -> PUT;
      case 2 -> DELETE;
      case 3 -> LOCK;
      case 4 -> ROLLBACK;
      default -> throw new MvccFormatException("unknown mutation kind " + code);
    };
  }
}

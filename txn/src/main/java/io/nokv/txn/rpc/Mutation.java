package io.nokv.txn.rpc;

import io.nokv.txn.mvcc.MutationKind;

/**
 * One key of a prewrite. {@code assertNotExist} makes the prewrite fail with
 * {@link KeyError.AlreadyExists} when the key has a visible value (SQL INSERT, Redis SETNX).
 */
public record Mutation(MutationKind kind, byte[] key, byte[] value, boolean assertNotExist) {
  public Mutation {
    if (kind == MutationKind.ROLLBACK) {
      throw new IllegalArgumentException("ROLLBACK is not a mutation");
    }
    if (kind == MutationKind.PUT && value == null) {
      throw new IllegalArgumentException("a PUT needs a value");
    }
  }

  public static Mutation put(byte[] key, byte[] value) {
    return new Mutation(MutationKind.PUT, key, value, false);
  }

  public static Mutation insert(byte[] key, byte[] value) {
    return new Mutation(MutationKind.PUT, key, value, true);
  }

  public static Mutation delete(byte[] key) {
    return new Mutation(MutationKind.DELETE, key, null, false);
  }

  public static Mutation lock(byte[] key) {
    return new Mutation(MutationKind.LOCK, key, null, false);
  }
}

package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * SINTER, SUNION, SDIFF and SINTERSTORE, SUNIONSTORE, SDIFFSTORE. All source sets are read in the
 * command's transaction, so the result is computed from one snapshot. Every source key is
 * type-checked before anything is computed (WRONGTYPE for any non-set, a missing key is an empty
 * set), as Redis does. A STORE replaces the destination whatever it held (a new collection
 * version; the old members are reclaimed in the background) and an empty result deletes it.
 */
final class SetAlgebra {
  private enum Op { INTER, UNION, DIFF }

  /** Results are in unsigned byte order, the order the member keys sort in. */
  private static final Comparator<byte[]> BYTE_ORDER = Arrays::compareUnsigned;

  private SetAlgebra() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.read("sinter", -2, 1, -1, 1, ctx -> reply(ctx, Op.INTER)));
    t.register(CommandSpec.read("sunion", -2, 1, -1, 1, ctx -> reply(ctx, Op.UNION)));
    t.register(CommandSpec.read("sdiff", -2, 1, -1, 1, ctx -> reply(ctx, Op.DIFF)));
    t.register(CommandSpec.write("sinterstore", -3, 1, -1, 1, ctx -> store(ctx, Op.INTER)));
    t.register(CommandSpec.write("sunionstore", -3, 1, -1, 1, ctx -> store(ctx, Op.UNION)));
    t.register(CommandSpec.write("sdiffstore", -3, 1, -1, 1, ctx -> store(ctx, Op.DIFF)));
  }

  private static Reply reply(CommandContext ctx, Op op) {
    return SetCommands.setReply(compute(ctx.keyspace(), ctx.args(), 1, op));
  }

  private static Reply store(CommandContext ctx, Op op) {
    Keyspace ks = ctx.keyspace();
    byte[] destination = ctx.args().bytes(1);
    List<byte[]> result = compute(ks, ctx.args(), 2, op); // all reads happen before the first write
    if (result.isEmpty()) {
      ks.delete(destination);
      return Reply.ZERO;
    }
    KeyMeta m = ks.newCollection(RedisType.SET);
    for (byte[] member : result) {
      ks.putMember(SetCommands.SPACE, destination, m, member, SetCommands.EMPTY);
    }
    ks.putMeta(destination, m.withSize(result.size()));
    return Reply.integer(result.size());
  }

  /** The result of {@code op} over the sets named by {@code args[from..]}, in member byte order. */
  private static List<byte[]> compute(Keyspace ks, Args args, int from, Op op) {
    int n = args.size() - from;
    byte[][] keys = args.range(from, args.size());
    KeyMeta[] metas = new KeyMeta[n];
    for (int i = 0; i < n; i++) {
      metas[i] = SetCommands.set(ks, keys[i]);
    }
    return switch (op) {
      case INTER -> intersection(ks, keys, metas);
      case UNION -> union(ks, keys, metas);
      case DIFF -> difference(ks, keys, metas);
    };
  }

  /** Walks the smallest set and keeps the members every other set has (point reads): O(N*M). */
  private static List<byte[]> intersection(Keyspace ks, byte[][] keys, KeyMeta[] metas) {
    int smallest = 0;
    for (int i = 0; i < metas.length; i++) {
      if (metas[i] == null) {
        return List.of();
      }
      if (metas[i].size() < metas[smallest].size()) {
        smallest = i;
      }
    }
    List<byte[]> out = new ArrayList<>();
    for (byte[] member : SetCommands.all(ks, keys[smallest], metas[smallest])) {
      boolean everywhere = true;
      for (int i = 0; i < metas.length && everywhere; i++) {
        everywhere = i == smallest || SetCommands.contains(ks, keys[i], metas[i], member);
      }
      if (everywhere) {
        out.add(member);
      }
    }
    return out;
  }

  /** Every member of every set: O(N log N) for N members in all. */
  private static List<byte[]> union(Keyspace ks, byte[][] keys, KeyMeta[] metas) {
    TreeSet<byte[]> out = new TreeSet<>(BYTE_ORDER);
    for (int i = 0; i < metas.length; i++) {
      out.addAll(SetCommands.all(ks, keys[i], metas[i]));
    }
    return new ArrayList<>(out);
  }

  /**
   * The first set's members that no other set has. With few other members in all, they are read
   * into memory (O(N) for N members in all); else each member of the first set is looked up in the
   * others (O(F*M) point reads for F members in the first set and M sets).
   */
  private static List<byte[]> difference(Keyspace ks, byte[][] keys, KeyMeta[] metas) {
    if (metas[0] == null) {
      return List.of();
    }
    long others = 0;
    int otherSets = 0;
    for (int i = 1; i < metas.length; i++) {
      if (metas[i] != null) {
        others += metas[i].size();
        otherSets++;
      }
    }
    List<byte[]> first = SetCommands.all(ks, keys[0], metas[0]);
    List<byte[]> out = new ArrayList<>(first.size());
    if (others <= first.size() * (long) otherSets) {
      Set<ByteBuffer> excluded = new HashSet<>();
      for (int i = 1; i < metas.length; i++) {
        for (byte[] member : SetCommands.all(ks, keys[i], metas[i])) {
          excluded.add(ByteBuffer.wrap(member));
        }
      }
      for (byte[] member : first) {
        if (!excluded.contains(ByteBuffer.wrap(member))) {
          out.add(member);
        }
      }
      return out;
    }
    for (byte[] member : first) {
      boolean elsewhere = false;
      for (int i = 1; i < metas.length && !elsewhere; i++) {
        elsewhere = SetCommands.contains(ks, keys[i], metas[i], member);
      }
      if (!elsewhere) {
        out.add(member);
      }
    }
    return out;
  }
}

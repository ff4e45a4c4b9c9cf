package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RespFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SPOP and SRANDMEMBER. Members are chosen uniformly by position: random positions in {@code [0,
 * size)} (distinct ones by Floyd's algorithm, or independent ones for a negative SRANDMEMBER count),
 * then one walk over the member keys from whichever end of the set is nearer to the positions. The
 * member keys carry no rank, so a walk is the price of uniformity: O(N) in the worst case, about
 * N/4 member keys on average for one member. (A random seek into the member key space would be
 * cheaper but is heavily biased by the members' byte distribution: with members {@code user:1} to
 * {@code user:1000000} nearly every pick would be one of the first few.)
 */
final class SetRandom {
  /**
   * The largest count a negative SRANDMEMBER count may ask for. Redis 7.0 has no such bound and
   * dies allocating the reply of a count such as {@code -4611686018427387903}.
   */
  static final long MAX_REPEATS = 1_000_000;

  private SetRandom() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.write("spop", -2, 1, 1, 1, SetRandom::pop));
    t.register(CommandSpec.read("srandmember", -2, 1, 1, 1, SetRandom::randomMembers));
  }

  /** SPOP key [count]: a bulk string without count, a set with it. */
  private static Reply pop(CommandContext ctx) {
    Args a = ctx.args();
    if (a.size() > 3) {
      throw RespException.syntax();
    }
    long count = 1;
    if (a.size() == 3) {
      Long parsed = Args.tryParseLong(a.bytes(2));
      if (parsed == null || parsed < 0) {
        throw RespException.err("value is out of range, must be positive");
      }
      count = parsed;
    }
    Keyspace ks = ctx.keyspace();
    byte[] key = a.bytes(1);
    KeyMeta m = SetCommands.set(ks, key);
    if (m == null || count == 0) {
      return a.size() == 2 ? Reply.NULL : SetCommands.setReply(List.of());
    }
    List<byte[]> popped = distinct(ks, key, m, count);
    if (popped.size() < m.size()) {
      for (byte[] member : popped) {
        ks.deleteMember(SetCommands.SPACE, key, m, member);
      }
    } // else the whole set goes: deleting the key hands its members to the background reclaimer
    ks.putMeta(key, m.withSize(m.size() - popped.size()));
    return a.size() == 2 ? Reply.bulk(popped.get(0)) : SetCommands.setReply(popped);
  }

  /** SRANDMEMBER key [count]: positive count, distinct members; negative, |count| members with repeats. */
  private static Reply randomMembers(CommandContext ctx) {
    Args a = ctx.args();
    if (a.size() > 3) {
      throw RespException.syntax();
    }
    long count = 0;
    if (a.size() == 3) {
      count = a.longAt(2);
      if (count < -MAX_REPEATS) {
        throw RespException.err("value is out of range, value must between -" + MAX_REPEATS + " and " + Long.MAX_VALUE);
      }
    }
    Keyspace ks = ctx.keyspace();
    byte[] key = a.bytes(1);
    KeyMeta m = SetCommands.set(ks, key);
    if (a.size() == 2) {
      return m == null ? Reply.NULL : Reply.bulk(distinct(ks, key, m, 1).get(0));
    }
    if (m == null || count == 0) {
      return Reply.EMPTY_ARRAY;
    }
    return Reply.bulks(count > 0 ? distinct(ks, key, m, count) : withRepeats(ks, key, m, -count));
  }

  /** {@code k} distinct members chosen uniformly, in random order; the whole set when {@code k >= size}. */
  static List<byte[]> distinct(Keyspace ks, byte[] key, KeyMeta m, long k) {
    long n = m.size();
    if (k >= n) {
      return SetCommands.all(ks, key, m);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // Floyd's algorithm: k distinct positions of [0, n), each k-subset equally likely.
    Set<Long> chosen = new HashSet<>();
    for (long j = n - k; j < n; j++) {
      long t = random.nextLong(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    long[] positions = chosen.stream().mapToLong(Long::longValue).sorted().toArray();
    List<byte[]> picked = at(ks, key, m, positions);
    Collections.shuffle(picked, random);
    return picked;
  }

  /** {@code k} members each chosen uniformly and independently (repeats possible), in random order. */
  static List<byte[]> withRepeats(Keyspace ks, byte[] key, KeyMeta m, long k) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long[] positions = new long[(int) k];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = random.nextLong(m.size());
    }
    Arrays.sort(positions);
    List<byte[]> picked = at(ks, key, m, positions);
    Collections.shuffle(picked, random);
    return picked;
  }

  /** The members at {@code sorted} positions (ascending, repeats allowed), walking from the nearer end. */
  private static List<byte[]> at(Keyspace ks, byte[] key, KeyMeta m, long[] sorted) {
    long n = m.size();
    int last = sorted.length - 1;
    // Forward the walk visits sorted[last] + 1 members; backward, n - sorted[0].
    boolean reverse = n - sorted[0] < sorted[last] + 1;
    Iterator<Keyspace.Member> it = ks.members(SetCommands.SPACE, key, m, null, null, reverse);
    List<byte[]> out = new ArrayList<>(sorted.length);
    long index = -1;
    byte[] current = null;
    for (int i = 0; i < sorted.length; i++) {
      long target = reverse ? n - 1 - sorted[last - i] : sorted[i];
      while (index < target) {
        if (!it.hasNext()) {
          throw new RespFormatException("set of " + n + " members by its metadata has only " + (index + 1)
              + " member keys");
        }
        current = it.next().name();
        index++;
      }
      out.add(current);
    }
    return out;
  }
}

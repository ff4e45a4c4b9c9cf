package io.nokv.server.resp.command;

import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import io.nokv.server.resp.store.RespKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One sorted set as a command sees it inside its transaction. Each member lives in two member
 * spaces of the key's version, written together on every change:
 *
 * <pre>
 * {@link RespKeys#ZSET_MEMBER} 'z': member                          -> score (8 bytes, IEEE 754 big-endian)
 * {@link RespKeys#ZSET_SCORE}  'Z': sortableDouble(score) ++ member -> empty
 * </pre>
 *
 * <p>ZSCORE is a point read of 'z'; score ranges and ranks scan 'Z', whose order (score, then
 * member bytes) is Redis's order; lex ranges scan 'z' (member byte order, which is Redis's lex
 * order when all scores are equal, the only case Redis defines). A score of -0 is stored as 0,
 * so it sorts and prints as Redis's listpack-encoded sets do.
 *
 * <p>Changes are tracked in {@link #size()} and written by {@link #save()}, which every writing
 * command ends with ({@link Keyspace#putMeta}; a set left empty is deleted there).
 */
final class ZSet {
  private final Keyspace ks;
  private final byte[] key;
  private final KeyMeta meta;
  private long size;

  private ZSet(Keyspace ks, byte[] key, KeyMeta meta) {
    this.ks = ks;
    this.key = key;
    this.meta = meta;
    this.size = meta.size();
  }

  /**
   * The sorted set at {@code key}, or null when the key does not exist.
   *
   * @throws io.nokv.server.resp.protocol.RespException WRONGTYPE when it holds another type
   */
  static ZSet open(Keyspace ks, byte[] key) {
    KeyMeta m = ks.metaOf(key, RedisType.ZSET);
    return m == null ? null : new ZSet(ks, key, m);
  }

  /** The sorted set at {@code key}, a new empty one (not yet stored) when the key does not exist. */
  static ZSet openOrCreate(Keyspace ks, byte[] key) {
    ZSet z = open(ks, key);
    return z != null ? z : new ZSet(ks, key, ks.newCollection(RedisType.ZSET));
  }

  long size() {
    return size;
  }

  /** The score of {@code member}, or null when it is not a member. */
  Double score(byte[] member) {
    byte[] raw = ks.getMember(RespKeys.ZSET_MEMBER, key, meta, member);
    return raw == null ? null : ByteBuffer.wrap(raw).getDouble();
  }

  /** Sets {@code member}'s score; {@code oldScore} is its current score, null when it is new. */
  void put(byte[] member, Double oldScore, double score) {
    double stored = score + 0.0; // -0 becomes 0
    if (oldScore != null) {
      if (oldScore == stored) {
        return;
      }
      ks.deleteMember(RespKeys.ZSET_SCORE, key, meta, scoreKey(oldScore, member));
    } else {
      size++;
    }
    ks.putMember(RespKeys.ZSET_MEMBER, key, meta, member, ByteBuffer.allocate(8).putDouble(stored).array());
    ks.putMember(RespKeys.ZSET_SCORE, key, meta, scoreKey(stored, member), new byte[0]);
  }

  /** Removes {@code member}, whose score is {@code score}. */
  void remove(byte[] member, double score) {
    ks.deleteMember(RespKeys.ZSET_MEMBER, key, meta, member);
    ks.deleteMember(RespKeys.ZSET_SCORE, key, meta, scoreKey(score, member));
    size--;
  }

  /** Writes the metadata (size, stamp); deletes the key when the set is now empty. */
  void save() {
    ks.putMeta(key, meta.withSize(size));
  }

  /**
   * Members in score order (then member order) with a score key in {@code [from, to)} (null:
   * open), reversed if asked. Bounds come from {@link ScoreRange}.
   */
  Iterator<Entry> byScore(byte[] from, byte[] to, boolean reverse) {
    Iterator<Keyspace.Member> it = ks.members(RespKeys.ZSET_SCORE, key, meta, from, to, reverse);
    return map(it, m -> new Entry(Arrays.copyOfRange(m.name(), 8, m.name().length), RespKeys.sortableDoubleAt(m.name(), 0)));
  }

  /** All members in score order (rank order), or reversed. */
  Iterator<Entry> byRank(boolean reverse) {
    return byScore(null, null, reverse);
  }

  /** Members in member byte order with names in {@code [from, to)} (null: open), reversed if asked. */
  Iterator<Entry> byLex(byte[] from, byte[] to, boolean reverse) {
    Iterator<Keyspace.Member> it = ks.members(RespKeys.ZSET_MEMBER, key, meta, from, to, reverse);
    return map(it, m -> new Entry(m.name(), ByteBuffer.wrap(m.value()).getDouble()));
  }

  /** The number of members ranked before {@code member} (score {@code score}), in O(rank). */
  long rank(byte[] member, double score, boolean reverse) {
    byte[] at = scoreKey(score, member);
    Iterator<Entry> it = reverse ? byScore(successor(at), null, true) : byScore(null, at, false);
    long n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  /** The 'Z' member part of (score, member). */
  static byte[] scoreKey(double score, byte[] member) {
    byte[] k = new byte[8 + member.length];
    System.arraycopy(RespKeys.sortableDouble(score), 0, k, 0, 8);
    System.arraycopy(member, 0, k, 8, member.length);
    return k;
  }

  /** The smallest byte string greater than {@code b}: {@code b ++ 0x00}. */
  static byte[] successor(byte[] b) {
    return Arrays.copyOf(b, b.length + 1);
  }

  private static Iterator<Entry> map(Iterator<Keyspace.Member> it, java.util.function.Function<Keyspace.Member, Entry> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Entry next() {
        if (!it.hasNext()) {
          throw new NoSuchElementException();
        }
        return f.apply(it.next());
      }
    };
  }

  /** One member and its score. */
  record Entry(byte[] member, double score) {}
}

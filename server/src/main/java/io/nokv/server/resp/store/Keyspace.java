package io.nokv.server.resp.store;

import io.nokv.server.resp.protocol.RespException;
import io.nokv.txn.Txn;
import io.nokv.txn.rpc.KvPair;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * The Redis keyspace as one transaction sees it: a command (or a whole MULTI/EXEC) runs against
 * one Keyspace, and everything it writes commits atomically with the transaction.
 *
 * <p>Rules for commands: read the key's live metadata with {@link #meta} or {@link #metaOf}; check
 * everything that can fail (types, arguments) before the first write, so that a command that
 * answers an error inside MULTI leaves nothing behind; and end every change to a key with {@link
 * #putMeta} (also when only members changed: it renews the key's stamp, which WATCH compares and
 * which makes concurrent writers of one key conflict) or {@link #delete}.
 *
 * <p>Expiry is exact: a key whose expiry time is at or before {@link #now()} is missing for every
 * read here, whether or not the reclaimer has deleted it yet.
 */
public final class Keyspace {
  private final Txn txn;
  private final long now;
  private final LongSupplier freshTimestamps;
  private boolean startTsUsed;
  /**
   * Metadata records read or written by this keyspace, so that a command that reads a key and
   * then writes it (INCR, HSET...) reads it once: {@link #putMeta} needs what it replaces. Every
   * metadata write goes through {@link #putMeta} or {@link #delete}, which keep it current.
   */
  private final Map<ByteBuffer, KeyMeta> metas = new HashMap<>();
  /** Stands for "no record" in {@link #metas}. */
  private static final KeyMeta ABSENT = KeyMeta.string(new byte[0]);

  /**
   * @param freshTimestamps new timestamps from the oracle ({@code TxnClient::currentTimestamp}):
   *     the versions of the second and later collections this transaction creates
   */
  public Keyspace(Txn txn, long nowMillis, LongSupplier freshTimestamps) {
    this.txn = txn;
    this.now = nowMillis;
    this.freshTimestamps = freshTimestamps;
  }

  public Txn txn() {
    return txn;
  }

  /** The time, Unix milliseconds, that this command runs at (fixed for the whole command). */
  public long now() {
    return now;
  }

  /** The live metadata of {@code key}, or null when it does not exist or has expired. */
  public KeyMeta meta(byte[] key) {
    KeyMeta m = storedMeta(key);
    return m == null || m.isExpiredAt(now) ? null : m;
  }

  /**
   * The live metadata of {@code key} if it holds {@code type}, null if it does not exist.
   *
   * @throws RespException WRONGTYPE when it holds another type
   */
  public KeyMeta metaOf(byte[] key, RedisType type) {
    KeyMeta m = meta(key);
    if (m != null && m.type() != type) {
      throw RespException.wrongType();
    }
    return m;
  }

  /** The metadata as stored, expired or not; null when there is none. */
  public KeyMeta storedMeta(byte[] key) {
    ByteBuffer k = ByteBuffer.wrap(key);
    KeyMeta cached = metas.get(k);
    if (cached != null) {
      return cached == ABSENT ? null : cached;
    }
    byte[] raw = txn.get(RespKeys.meta(key));
    KeyMeta m = raw == null ? null : KeyMeta.decode(raw);
    metas.put(k, m == null ? ABSENT : m);
    return m;
  }

  /**
   * A new, empty collection of {@code type} with a version no other collection ever had; it exists
   * once {@link #putMeta} writes it (with a size above 0). Versions are timestamps from the oracle,
   * which never repeats one: the transaction's start timestamp for its first new collection, a
   * fresh one for each further. (Counting up from the start timestamp would not do: the next
   * transaction may start at start + 2, and a key recreated with its old version would show the
   * old members.)
   */
  public KeyMeta newCollection(RedisType type) {
    long version;
    if (!startTsUsed) {
      startTsUsed = true;
      version = txn.startTs();
    } else {
      version = freshTimestamps.getAsLong();
    }
    return KeyMeta.collection(type, version);
  }

  /**
   * Writes {@code meta} as the key's metadata (renewing its stamp). Whatever the key held before
   * under another version (an overwritten or expired collection) is queued for reclaim, and the
   * expiry index follows the new expiry. A collection written with size 0 deletes the key, as
   * Redis removes empty collections.
   */
  public void putMeta(byte[] key, KeyMeta meta) {
    if (meta.type().isCollection() && meta.size() <= 0) {
      delete(key);
      return;
    }
    KeyMeta old = storedMeta(key);
    if (old != null) {
      retire(key, old, meta);
    }
    if (meta.hasExpiry() && (old == null || old.expireAt() != meta.expireAt())) {
      txn.put(RespKeys.expiry(meta.expireAt(), key), new byte[0]);
    }
    KeyMeta stored = meta.withStamp(txn.startTs());
    txn.put(RespKeys.meta(key), stored.encode());
    metas.put(ByteBuffer.wrap(key), stored);
  }

  /** Deletes {@code key} if it exists (live); returns whether it did. Its members are reclaimed later. */
  public boolean delete(byte[] key) {
    KeyMeta old = storedMeta(key);
    if (old == null) {
      return false;
    }
    retire(key, old, null);
    txn.delete(RespKeys.meta(key));
    metas.put(ByteBuffer.wrap(key), ABSENT);
    return !old.isExpiredAt(now);
  }

  /** Drops what {@code old} holds that {@code replacement} (null: nothing) does not keep. */
  private void retire(byte[] key, KeyMeta old, KeyMeta replacement) {
    if (old.hasExpiry() && (replacement == null || replacement.expireAt() != old.expireAt())) {
      txn.delete(RespKeys.expiry(old.expireAt(), key));
    }
    boolean sameMembers = replacement != null && replacement.type() == old.type() && replacement.version() == old.version();
    if (old.type().isCollection() && !sameMembers) {
      txn.put(RespKeys.garbage(old.version(), key), new byte[] {old.type().code});
    }
  }

  // ---- members of collections ----

  /** The value stored for {@code member} of the collection, or null. */
  public byte[] getMember(byte space, byte[] key, KeyMeta meta, byte[] member) {
    return txn.get(RespKeys.member(space, key, meta.version(), member));
  }

  public void putMember(byte space, byte[] key, KeyMeta meta, byte[] member, byte[] value) {
    txn.put(RespKeys.member(space, key, meta.version(), member), value);
  }

  public void deleteMember(byte space, byte[] key, KeyMeta meta, byte[] member) {
    txn.delete(RespKeys.member(space, key, meta.version(), member));
  }

  /**
   * HDEL and SREM: deletes those of {@code members} that exist from the collection (one member
   * space) and writes its new size (deleting the key when it empties); returns how many were
   * deleted. A member named twice counts once: reads see this transaction's own deletes.
   */
  public long removeMembers(byte space, byte[] key, KeyMeta meta, byte[][] members) {
    long removed = 0;
    for (byte[] member : members) {
      if (getMember(space, key, meta, member) != null) {
        deleteMember(space, key, meta, member);
        removed++;
      }
    }
    if (removed > 0) {
      putMeta(key, meta.withSize(meta.size() - removed));
    }
    return removed;
  }

  /**
   * The members of the collection in {@code space} whose member part is in {@code [from, to)}
   * (null bounds: open), in member byte order or reversed; includes this transaction's own
   * writes. Do not write to the transaction while iterating.
   */
  public Iterator<Member> members(byte space, byte[] key, KeyMeta meta, byte[] from, byte[] to, boolean reverse) {
    byte[] prefix = RespKeys.memberPrefix(space, key, meta.version());
    byte[] start = from == null ? prefix : concat(prefix, from);
    byte[] end = to == null ? RespKeys.prefixEnd(prefix) : concat(prefix, to);
    Iterator<KvPair> pairs = txn.iterator(start, end, reverse);
    int prefixLength = prefix.length;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return pairs.hasNext();
      }

      @Override
      public Member next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        KvPair p = pairs.next();
        return new Member(RespKeys.memberOf(p.key(), prefixLength), p.value());
      }
    };
  }

  /** All members of the collection in {@code space}, in member byte order. */
  public Iterator<Member> members(byte space, byte[] key, KeyMeta meta) {
    return members(space, key, meta, null, null, false);
  }

  /**
   * The member spaces ({@link RespKeys#HASH}, ...) that hold a collection of {@code type}: what
   * RENAME copies and the {@link Reclaimer} deletes. Empty for strings.
   */
  public static byte[] memberSpaces(RedisType type) {
    return switch (type) {
      case STRING -> new byte[0];
      case HASH -> new byte[] {RespKeys.HASH};
      case SET -> new byte[] {RespKeys.SET};
      case ZSET -> new byte[] {RespKeys.ZSET_MEMBER, RespKeys.ZSET_SCORE};
      case LIST -> new byte[] {RespKeys.LIST};
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** One member of a collection: its name (the part after the member prefix) and stored value. */
  public record Member(byte[] name, byte[] value) {}
}

package io.nokv.server.resp.command;

import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import io.nokv.server.resp.store.RespKeys;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One list as a command sees it inside its transaction. Element {@code i} (0 = first) is the
 * member {@code sortableLong(head + i)} of {@link RespKeys#LIST}, its value the element; the
 * metadata keeps {@code head} and the element count ({@link KeyMeta#withHeadAndSize}). Pushing
 * at the head moves {@code head} down (it may go negative), pushing at the tail writes at
 * {@code head + size}: both O(1), as are LINDEX and LSET; a range is one scan.
 *
 * <p>Positions in this class's methods are relative (0 = first element). Changes are tracked in
 * {@link #head()} and {@link #size()} and written by {@link #save()}.
 */
final class RedisList {
  private final Keyspace ks;
  private final byte[] key;
  private final KeyMeta meta;
  private long head;
  private long size;

  private RedisList(Keyspace ks, byte[] key, KeyMeta meta) {
    this.ks = ks;
    this.key = key;
    this.meta = meta;
    this.head = meta.head();
    this.size = meta.size();
  }

  /**
   * The list at {@code key}, or null when the key does not exist.
   *
   * @throws io.nokv.server.resp.protocol.RespException WRONGTYPE when it holds another type
   */
  static RedisList open(Keyspace ks, byte[] key) {
    KeyMeta m = ks.metaOf(key, RedisType.LIST);
    return m == null ? null : new RedisList(ks, key, m);
  }

  /** The list at {@code key}, a new empty one (not yet stored) when the key does not exist. */
  static RedisList openOrCreate(Keyspace ks, byte[] key) {
    RedisList l = open(ks, key);
    return l != null ? l : new RedisList(ks, key, ks.newCollection(RedisType.LIST));
  }

  long size() {
    return size;
  }

  /** Element {@code i} (0..size-1). */
  byte[] get(long i) {
    return ks.getMember(RespKeys.LIST, key, meta, slot(i));
  }

  /** Writes element {@code i} (0..size-1, or the slot just before the head or after the tail). */
  void set(long i, byte[] value) {
    ks.putMember(RespKeys.LIST, key, meta, slot(i), value);
  }

  /** Deletes the member of element {@code i} without changing head or size (the caller does). */
  void clear(long i) {
    ks.deleteMember(RespKeys.LIST, key, meta, slot(i));
  }

  void pushHead(byte[] value) {
    head--;
    size++;
    set(0, value);
  }

  void pushTail(byte[] value) {
    set(size, value);
    size++;
  }

  /** Removes and returns up to {@code n} elements from the head (in list order) or the tail (last first). */
  List<byte[]> pop(long n, boolean fromTail) {
    List<byte[]> out = new ArrayList<>();
    long take = Math.min(n, size);
    Iterator<byte[]> it = range(fromTail ? size - take : 0, take, fromTail);
    while (it.hasNext()) {
      out.add(it.next());
    }
    for (int k = 0; k < out.size(); k++) {
      clear(fromTail ? size - 1 - k : k);
    }
    if (!fromTail) {
      head += out.size();
    }
    size -= out.size();
    return out;
  }

  /** The {@code count} elements from {@code first}, in list order or reversed; one scan. */
  Iterator<byte[]> range(long first, long count, boolean reverse) {
    Iterator<Keyspace.Member> it = ks.members(RespKeys.LIST, key, meta, slot(first), slot(first + count), reverse);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public byte[] next() {
        return it.next().value();
      }
    };
  }

  /** Drops the first {@code n} elements' place: the head moves on (the caller deleted or rewrote them). */
  void advanceHead(long n) {
    head += n;
    size -= n;
  }

  /** Drops the last {@code n} elements' place (the caller deleted them). */
  void shrinkTail(long n) {
    size -= n;
  }

  /** Writes the metadata (head, size, stamp); deletes the key when the list is now empty. */
  void save() {
    ks.putMeta(key, meta.withHeadAndSize(head, size));
  }

  private byte[] slot(long i) {
    return RespKeys.sortableLong(head + i);
  }
}

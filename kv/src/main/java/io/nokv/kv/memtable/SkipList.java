package io.nokv.kv.memtable;

import io.nokv.kv.format.InternalKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A skiplist of (internal key, value) pairs in {@link InternalKey} order with one writer at a time
 * and any number of lock-free readers, after LevelDB's {@code db/skiplist.h}.
 *
 * <p>Nodes are never removed or changed after they are linked. The writer fills a new node's
 * forward pointers first and then links it bottom-up with release stores; readers follow pointers
 * with acquire loads, so a reader that reaches a node sees its key, value and the pointers that
 * were set before the node became reachable at that level. Callers serialise writers.
 */
final class SkipList {
  static final int MAX_HEIGHT = 12;
  /** One node in four is promoted to the next level. */
  private static final int BRANCHING_BITS = 2;

  private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Node[].class);

  static final class Node {
    final byte[] key;
    final byte[] value;
    /**
     * The user key's first 8 bytes, big-endian, zero-padded: comparing it settles most
     * comparisons without touching the key array (a cache miss per node otherwise).
     */
    final long prefix;
    private final Node[] next;

    Node(byte[] key, byte[] value, int height) {
      this.key = key;
      this.value = value;
      this.prefix = key == null ? 0 : prefix(key, key.length - InternalKey.TRAILER_SIZE);
      this.next = new Node[height];
    }

    Node next(int level) {
      return (Node) NEXT.getAcquire(next, level);
    }

    int height() {
      return next.length;
    }
  }

  private final Node head = new Node(null, null, MAX_HEIGHT);

  /**
   * The first 8 bytes of {@code key[0, len)} as an unsigned big-endian long, zero-padded. When two
   * prefixes differ they order the keys as the full comparison would; when equal, compare fully.
   */
  static long prefix(byte[] key, int len) {
    long p = 0;
    int n = Math.min(8, len);
    for (int i = 0; i < n; i++) {
      p |= (key[i] & 0xFFL) << (56 - 8 * i);
    }
    return p;
  }

  /** Internal-key order of {@code n} against (key, its prefix). */
  private static int compare(Node n, byte[] key, long keyPrefix) {
    if (n.prefix != keyPrefix) {
      return Long.compareUnsigned(n.prefix, keyPrefix);
    }
    return InternalKey.compare(n.key, key);
  }
  /** Levels in use; readers may see a stale smaller value, which only costs them a little speed. */
  private volatile int maxHeight = 1;
  /** Writer-only random state (xorshift64). */
  private long rnd = 0x2545F4914F6CDD1DL;
  /** Writer-only scratch for the predecessors of an insert. */
  private final Node[] preds = new Node[MAX_HEIGHT];

  /**
   * Links a new node; the caller must hold the writer role. Returns false, changing nothing, when
   * an equal internal key is already present.
   */
  boolean insert(byte[] key, byte[] value) {
    Node x = findGreaterOrEqual(key, preds);
    if (x != null && InternalKey.compare(x.key, key) == 0) {
      Arrays.fill(preds, null);
      return false;
    }
    int height = randomHeight();
    int current = maxHeight;
    if (height > current) {
      for (int i = current; i < height; i++) {
        preds[i] = head;
      }
      // Readers that see the larger height before the links find null at those levels and descend.
      maxHeight = height;
    }
    Node node = new Node(key, value, height);
    for (int i = 0; i < height; i++) {
      node.next[i] = preds[i].next(i); // plain: the node is not yet reachable
      NEXT.setRelease(preds[i].next, i, node);
    }
    Arrays.fill(preds, null);
    return true;
  }

  private int randomHeight() {
    long r = rnd;
    r ^= r << 13;
    r ^= r >>> 7;
    r ^= r << 17;
    rnd = r;
    int height = 1;
    while (height < MAX_HEIGHT && (r & ((1 << BRANCHING_BITS) - 1)) == 0) {
      height++;
      r >>>= BRANCHING_BITS;
    }
    return height;
  }

  /** The first node with key >= {@code key}, or null; fills {@code prev} per level when given. */
  Node findGreaterOrEqual(byte[] key, Node[] prev) {
    long kp = prefix(key, key.length - InternalKey.TRAILER_SIZE);
    Node x = head;
    int level = maxHeight - 1;
    while (true) {
      Node n = x.next(level);
      if (n != null && compare(n, key, kp) < 0) {
        x = n;
      } else {
        if (prev != null) {
          prev[level] = x;
        }
        if (level == 0) {
          return n;
        }
        level--;
      }
    }
  }

  /**
   * The first node at or after (userKey, trailer) in internal-key order, without building the
   * internal key: the point-lookup path.
   */
  Node findGreaterOrEqual(byte[] userKey, long trailer) {
    long kp = prefix(userKey, userKey.length);
    Node x = head;
    int level = maxHeight - 1;
    while (true) {
      Node n = x.next(level);
      if (n != null && (n.prefix != kp ? Long.compareUnsigned(n.prefix, kp) : compareTo(n.key, userKey, trailer)) < 0) {
        x = n;
      } else {
        if (level == 0) {
          return n;
        }
        level--;
      }
    }
  }

  private static int compareTo(byte[] internalKey, byte[] userKey, long trailer) {
    int ukLen = internalKey.length - InternalKey.TRAILER_SIZE;
    int c = Arrays.compareUnsigned(internalKey, 0, ukLen, userKey, 0, userKey.length);
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(trailer, InternalKey.trailer(internalKey));
  }

  /** The last node with key < {@code key}, or null. */
  Node findLessThan(byte[] key) {
    long kp = prefix(key, key.length - InternalKey.TRAILER_SIZE);
    Node x = head;
    int level = maxHeight - 1;
    while (true) {
      Node n = x.next(level);
      if (n != null && compare(n, key, kp) < 0) {
        x = n;
      } else if (level == 0) {
        return x == head ? null : x;
      } else {
        level--;
      }
    }
  }

  Node first() {
    return head.next(0);
  }

  Node last() {
    Node x = head;
    int level = maxHeight - 1;
    while (true) {
      Node n = x.next(level);
      if (n != null) {
        x = n;
      } else if (level == 0) {
        return x == head ? null : x;
      } else {
        level--;
      }
    }
  }
}

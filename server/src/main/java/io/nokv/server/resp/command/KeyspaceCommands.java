package io.nokv.server.resp.command;

import io.nokv.server.resp.ScanCursors;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import io.nokv.server.resp.store.RespKeys;
import io.nokv.txn.TxnClient;
import io.nokv.txn.rpc.KvPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Commands over the whole keyspace: SCAN, KEYS, DBSIZE, FLUSHDB and FLUSHALL. They walk the
 * metadata records ({@link RespKeys#metaStart()} to {@link RespKeys#metaEnd()}), which sort by
 * user key, skipping expired keys the reclaimer has not deleted yet.
 *
 * <p>SCAN's cursor names the next key to examine, so every key present for the whole scan is
 * returned exactly once (keys sort strictly; Redis promises at least once). COUNT is the number of
 * keys examined per call, before MATCH and TYPE filter them.
 *
 * <p>FLUSHALL (and FLUSHDB: there is one database) deletes the keys its transaction's snapshot
 * sees in batches of {@value #FLUSH_BATCH}, each its own transaction, so memory stays bounded for
 * any size; it is therefore not atomic against concurrent writers (a key written meanwhile may
 * survive). Inside MULTI/EXEC after other writes, or under WATCH, it instead deletes everything
 * in the EXEC's transaction, atomically with it. Deleted collections are queued for reclaim.
 */
final class KeyspaceCommands {
  /** Keys deleted per FLUSHALL transaction. */
  static final int FLUSH_BATCH = 512;

  private KeyspaceCommands() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.read("scan", -2, 0, 0, 0, KeyspaceCommands::scan));
    t.register(CommandSpec.read("keys", 2, 0, 0, 0, KeyspaceCommands::keys));
    t.register(CommandSpec.read("dbsize", 1, 0, 0, 0, KeyspaceCommands::dbsize));
    t.register(CommandSpec.write("flushdb", -1, 0, 0, 0, KeyspaceCommands::flush));
    t.register(CommandSpec.write("flushall", -1, 0, 0, 0, KeyspaceCommands::flush));
  }

  /** SCAN cursor [MATCH pattern] [COUNT n] [TYPE t]: examines up to n keys from the cursor on. */
  private static Reply scan(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    ScanCursors cursors = ctx.gateway().cursors();
    byte[] position = cursors.start(ctx.args().bytes(1));
    if (position != null && !isMetaKey(position)) {
      throw RespException.err("invalid cursor"); // a cursor of HSCAN, SSCAN or ZSCAN
    }
    ScanCursors.ScanOptions o = ScanCursors.options(ctx.args(), 2, true);
    RedisType type = o.type() == null ? null : RedisType.ofName(o.type());
    boolean unknownType = o.type() != null && type == null; // Redis answers no keys, not an error
    List<KvPair> examined = ks.txn().scan(position == null ? RespKeys.metaStart() : position, RespKeys.metaEnd(), o.count());
    List<byte[]> keys = new ArrayList<>();
    for (KvPair p : examined) {
      KeyMeta m = KeyMeta.decode(p.value());
      byte[] key = RespKeys.userKeyOfMeta(p.key());
      if (!m.isExpiredAt(ks.now()) && !unknownType && (type == null || m.type() == type) && o.matches(key)) {
        keys.add(key);
      }
    }
    byte[] next = examined.size() < o.count() ? null : successor(examined.getLast().key());
    return Reply.array(cursors.cursorReply(next), Reply.bulks(keys));
  }

  /** KEYS pattern: a literal prefix of the pattern narrows the range walked. */
  private static Reply keys(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    byte[] pattern = ctx.args().bytes(1);
    Glob glob = new Glob(pattern);
    byte[] prefix = RespKeys.meta(literalPrefix(pattern));
    byte[] end = RespKeys.prefixEnd(prefix);
    List<byte[]> keys = new ArrayList<>();
    Iterator<KvPair> it = ks.txn().iterator(prefix, end == null ? RespKeys.metaEnd() : end, false);
    while (it.hasNext()) {
      KvPair p = it.next();
      byte[] key = RespKeys.userKeyOfMeta(p.key());
      if (!KeyMeta.decode(p.value()).isExpiredAt(ks.now()) && glob.matches(key)) {
        keys.add(key);
      }
    }
    return Reply.bulks(keys);
  }

  /** The bytes before the pattern's first special character ({@code * ? [ \}). */
  static byte[] literalPrefix(byte[] pattern) {
    int i = 0;
    while (i < pattern.length && pattern[i] != '*' && pattern[i] != '?' && pattern[i] != '[' && pattern[i] != '\\') {
      i++;
    }
    return Arrays.copyOf(pattern, i);
  }

  /** DBSIZE: counts the live keys, O(N) (Redis keeps a counter; a count here would be a hot key). */
  private static Reply dbsize(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    long n = 0;
    Iterator<KvPair> it = ks.txn().iterator(RespKeys.metaStart(), RespKeys.metaEnd(), false);
    while (it.hasNext()) {
      if (!KeyMeta.decode(it.next().value()).isExpiredAt(ks.now())) {
        n++;
      }
    }
    return Reply.integer(n);
  }

  /** FLUSHALL / FLUSHDB [ASYNC|SYNC]: both modes delete the same way (see the class comment). */
  private static Reply flush(CommandContext ctx) {
    Args a = ctx.args();
    if (a.size() > 2 || (a.size() == 2 && !a.is(1, "ASYNC") && !a.is(1, "SYNC"))) {
      throw RespException.syntax();
    }
    Keyspace ks = ctx.keyspace();
    List<byte[]> batch = new ArrayList<>();
    Iterator<KvPair> it = ks.txn().iterator(RespKeys.metaStart(), RespKeys.metaEnd(), false);
    if (ks.txn().size() > 0) {
      // Inside EXEC after writes (or with WATCHed keys locked): delete in the EXEC's own
      // transaction so that the flush is atomic with it and sees its earlier writes.
      while (it.hasNext()) {
        batch.add(RespKeys.userKeyOfMeta(it.next().key()));
      }
      batch.forEach(ks::delete);
      return Reply.OK;
    }
    TxnClient client = ctx.gateway().client();
    while (it.hasNext()) {
      batch.add(RespKeys.userKeyOfMeta(it.next().key()));
      if (batch.size() == FLUSH_BATCH || !it.hasNext()) {
        deleteInOwnTransaction(client, batch);
        batch.clear();
      }
    }
    return Reply.OK;
  }

  private static void deleteInOwnTransaction(TxnClient client, List<byte[]> keys) {
    client.run(txn -> {
      Keyspace batch = new Keyspace(txn, System.currentTimeMillis(), client::currentTimestamp);
      keys.forEach(batch::delete);
      return null;
    });
  }

  private static boolean isMetaKey(byte[] key) {
    byte[] start = RespKeys.metaStart();
    return key.length >= start.length && Arrays.equals(key, 0, start.length, start, 0, start.length);
  }

  /** The smallest key after {@code key}. */
  private static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }
}

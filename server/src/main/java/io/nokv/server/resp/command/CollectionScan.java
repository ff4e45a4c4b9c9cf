package io.nokv.server.resp.command;

import io.nokv.server.resp.ScanCursors;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * HSCAN and SSCAN: {@code key cursor [MATCH pattern] [COUNT count]}. Members are visited in byte
 * order; a cursor names the next member to visit (kept by {@link ScanCursors}), so a member present
 * for the whole scan is returned exactly once, whatever is added or removed meanwhile. COUNT is
 * the number of members looked at per call (MATCH filters those), as in Redis for large
 * collections; Redis answers a small collection whole in one call whatever COUNT is.
 */
final class CollectionScan {
  private CollectionScan() {}

  /**
   * Runs the scan for the collection of {@code type} stored in {@code space}. With {@code
   * valueText} each member is followed by the text of its stored value (HSCAN: the value itself;
   * ZSCAN: the score); null answers members only (SSCAN).
   */
  static Reply scan(CommandContext ctx, RedisType type, byte space, UnaryOperator<byte[]> valueText) {
    Args a = ctx.args();
    // Redis's order: the cursor first, then the key's type, then (for an existing key) the options.
    byte[] from = ctx.gateway().cursors().start(a.bytes(2));
    Keyspace ks = ctx.keyspace();
    byte[] key = a.bytes(1);
    KeyMeta m = ks.metaOf(key, type);
    if (m == null) {
      return Reply.array(Reply.bulk("0"), Reply.EMPTY_ARRAY);
    }
    ScanCursors.ScanOptions options = ScanCursors.options(a, 3, false);
    List<Reply> items = new ArrayList<>();
    byte[] next = null;
    int looked = 0;
    for (Iterator<Keyspace.Member> it = ks.members(space, key, m, from, null, false); it.hasNext(); ) {
      Keyspace.Member member = it.next();
      if (looked == options.count()) {
        next = member.name();
        break;
      }
      looked++;
      if (options.matches(member.name())) {
        items.add(Reply.bulk(member.name()));
        if (valueText != null) {
          items.add(Reply.bulk(valueText.apply(member.value())));
        }
      }
    }
    return Reply.array(ctx.gateway().cursors().cursorReply(next), Reply.array(items));
  }
}

package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;

/** String commands. A string's value is stored inline in its metadata record: GET is one point read. */
final class StringCommands {
  private StringCommands() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.read("get", 2, 1, 1, 1, ctx -> {
      KeyMeta m = ctx.keyspace().metaOf(ctx.args().bytes(1), RedisType.STRING);
      return m == null ? Reply.NULL : Reply.bulk(m.value());
    }));
    t.register(CommandSpec.write("set", -3, 1, 1, 1, ctx -> {
      Keyspace ks = ctx.keyspace();
      ks.putMeta(ctx.args().bytes(1), KeyMeta.string(ctx.args().bytes(2)));
      return Reply.OK;
    }));
  }
}

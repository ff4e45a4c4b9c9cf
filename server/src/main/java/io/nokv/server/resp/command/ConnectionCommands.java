package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;

/** Connection commands. */
final class ConnectionCommands {
  private ConnectionCommands() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.connection("ping", -1, ctx -> {
      if (ctx.args().size() > 2) {
        throw RespException.wrongArity("ping");
      }
      return ctx.args().size() == 2 ? Reply.bulk(ctx.args().bytes(1)) : Reply.PONG;
    }));
  }
}

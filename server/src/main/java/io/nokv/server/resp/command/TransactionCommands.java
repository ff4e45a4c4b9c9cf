package io.nokv.server.resp.command;

import io.nokv.server.resp.ClientSession;
import io.nokv.server.resp.CommandExecutor;
import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.txn.Txn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH. EXEC runs the queued commands in one Percolator
 * transaction ({@link CommandExecutor#exec}); WATCH remembers each key's metadata record, which
 * every write renews, and EXEC answers the null array when one differs or when a writer of a
 * watched key commits first.
 */
final class TransactionCommands {
  private TransactionCommands() {}

  static void register(CommandTable t) {
    t.register(control("multi", 1, ctx -> {
      ClientSession s = ctx.session();
      if (s.inMulti()) {
        throw RespException.err("MULTI calls can not be nested");
      }
      s.beginMulti();
      return Reply.OK;
    }));
    t.register(control("exec", 1, ctx -> {
      ClientSession s = ctx.session();
      if (!s.inMulti()) {
        throw RespException.err("EXEC without MULTI");
      }
      boolean failed = s.multiFailed();
      List<Args> queued = s.endMulti();
      Map<ClientSession.WatchedKey, byte[]> watched = new LinkedHashMap<>(s.watched());
      s.watched().clear();
      if (failed) {
        throw new RespException("EXECABORT Transaction discarded because of previous errors.");
      }
      return ctx.gateway().executor().exec(s, queued, watched);
    }));
    t.register(control("discard", 1, ctx -> {
      ClientSession s = ctx.session();
      if (!s.inMulti()) {
        throw RespException.err("DISCARD without MULTI");
      }
      s.endMulti();
      s.watched().clear();
      return Reply.OK;
    }));
    t.register(new CommandSpec("watch", -2, java.util.EnumSet.of(Flag.TRANSACTION_CONTROL), 1, -1, 1, ctx -> {
      ClientSession s = ctx.session();
      if (s.inMulti()) {
        throw RespException.err("WATCH inside MULTI is not allowed");
      }
      try (Txn txn = ctx.gateway().client().begin()) {
        Keyspace ks = new Keyspace(txn, System.currentTimeMillis(), ctx.gateway().client()::currentTimestamp);
        for (int i = 1; i < ctx.args().size(); i++) {
          byte[] key = ctx.args().bytes(i);
          s.watched().putIfAbsent(new ClientSession.WatchedKey(key), CommandExecutor.liveMeta(ks, key));
        }
        txn.rollback();
      }
      return Reply.OK;
    }));
    t.register(control("unwatch", 1, ctx -> {
      ctx.session().watched().clear();
      return Reply.OK;
    }));
  }

  private static CommandSpec control(String name, int arity, CommandHandler h) {
    return new CommandSpec(name, arity, java.util.EnumSet.of(Flag.TRANSACTION_CONTROL), 0, 0, 0, h);
  }
}

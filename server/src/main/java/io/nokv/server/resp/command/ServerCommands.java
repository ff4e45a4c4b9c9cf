package io.nokv.server.resp.command;

import io.nokv.server.resp.Gateway;
import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Server commands: INFO ({@link InfoCommand}), COMMAND ({@link CommandIntrospection}), CONFIG
 * GET/SET/RESETSTAT over a small set of parameters, and TIME. DBSIZE, FLUSHDB and FLUSHALL are
 * data commands and live with the key commands.
 *
 * <p>CONFIG GET answers the parameters below (glob patterns as in Redis); CONFIG SET changes only
 * {@code requirepass} (a runtime setting, like the {@code --requirepass} flag); the others are
 * fixed when the gateway starts.
 */
final class ServerCommands {
  /** CONFIG GET's parameters, in the order they are listed. */
  private static final Map<String, Function<Gateway, String>> PARAMETERS = new LinkedHashMap<>();

  static {
    PARAMETERS.put("bind", g -> g.config().host());
    PARAMETERS.put("port", g -> Integer.toString(g.boundPort()));
    // Redis shows requirepass to whoever may run CONFIG: after AUTH when one is set, so only to
    // a client that already knows it.
    PARAMETERS.put("requirepass", Gateway::requirepass);
    PARAMETERS.put("maxclients", g -> Integer.toString(g.config().maxClients()));
    PARAMETERS.put("timeout", g -> Long.toString(g.config().idleTimeout().toSeconds()));
    PARAMETERS.put("databases", g -> "1");
    // Every acknowledged write is durable: the nearest Redis settings are an AOF synced per write.
    PARAMETERS.put("appendonly", g -> "yes");
    PARAMETERS.put("appendfsync", g -> "always");
    PARAMETERS.put("save", g -> "");
    PARAMETERS.put("proto-max-bulk-len", g -> Integer.toString(g.config().maxBulkBytes()));
    PARAMETERS.put("maxmemory", g -> "0");
    PARAMETERS.put("maxmemory-policy", g -> "noeviction");
  }

  private ServerCommands() {}

  static void register(CommandTable t) {
    // INFO reads the keyspace (for its keyspace section): it runs in a read-only transaction.
    t.register(new CommandSpec("info", -1, EnumSet.of(Flag.READONLY), 0, 0, 0, InfoCommand::info));
    t.register(CommandSpec.connection("command", -1, CommandIntrospection::command));
    t.register(CommandSpec.connection("config", -2, ServerCommands::config, Flag.ADMIN));
    t.register(CommandSpec.connection("time", 1, ctx -> {
      Instant now = Instant.now();
      return Reply.array(Reply.bulk(Long.toString(now.getEpochSecond())), Reply.bulk(Long.toString(now.getNano() / 1000)));
    }, Flag.FAST));
  }

  private static Reply config(CommandContext ctx) {
    Args a = ctx.args();
    String sub = a.string(1).toLowerCase(Locale.ROOT);
    switch (sub) {
      case "get" -> {
        if (a.size() < 3) {
          throw RespException.wrongArity("config|get");
        }
        List<Reply> pairs = new ArrayList<>();
        for (Map.Entry<String, Function<Gateway, String>> p : PARAMETERS.entrySet()) {
          for (int i = 2; i < a.size(); i++) {
            byte[] pattern = a.string(i).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            if (new Glob(pattern).matches(p.getKey().getBytes(StandardCharsets.US_ASCII))) {
              pairs.add(Reply.bulk(p.getKey()));
              pairs.add(Reply.bulk(p.getValue().apply(ctx.gateway())));
              break;
            }
          }
        }
        return new Reply.Map(pairs);
      }
      case "set" -> {
        if (a.size() < 4 || a.size() % 2 != 0) {
          throw RespException.wrongArity("config|set");
        }
        // Check every pair before changing anything, as Redis does.
        for (int i = 2; i < a.size(); i += 2) {
          String name = a.string(i).toLowerCase(Locale.ROOT);
          if (!PARAMETERS.containsKey(name)) {
            throw RespException.err("Unknown option or number of arguments for CONFIG SET - '"
                + ClientCommand.clip(a.string(i)) + "'");
          }
          if (!name.equals("requirepass")) {
            throw RespException.err("CONFIG SET failed (possibly related to argument '" + name
                + "') - can't set immutable config");
          }
        }
        for (int i = 2; i < a.size(); i += 2) {
          ctx.gateway().setRequirepass(a.string(i + 1));
        }
        return Reply.OK;
      }
      case "resetstat" -> {
        if (a.size() != 2) {
          throw RespException.wrongArity("config|resetstat");
        }
        ctx.gateway().stats().reset();
        return Reply.OK;
      }
      case "rewrite" -> throw RespException.err("The server is running without a config file");
      default -> throw RespException.err("unknown subcommand '" + ClientCommand.clip(a.string(1)) + "'. Try CONFIG HELP.");
    }
  }
}

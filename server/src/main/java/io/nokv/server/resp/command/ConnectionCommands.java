package io.nokv.server.resp.command;

import io.nokv.server.resp.ClientSession;
import io.nokv.server.resp.Gateway;
import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Connection commands: PING, ECHO, HELLO, AUTH, SELECT, QUIT, RESET (and CLIENT, in {@link
 * ClientCommand}). None touches data. There is one user, {@code default}, whose password is
 * {@code requirepass}; without one, every connection starts authenticated.
 */
final class ConnectionCommands {
  static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
  /** Redis's text, word for word (it says "HELLO AUTH", not "HELLO <proto> AUTH"). */
  static final String HELLO_NOAUTH = "NOAUTH HELLO must be called with the client already authenticated, otherwise the"
      + " HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version"
      + " at the same time";
  static final String REDIS_VERSION = "7.0.15";

  private ConnectionCommands() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.connection("ping", -1, ConnectionCommands::ping, Flag.FAST));
    t.register(CommandSpec.connection("echo", 2, ctx -> Reply.bulk(ctx.args().bytes(1)), Flag.FAST));
    t.register(CommandSpec.connection("hello", -1, ConnectionCommands::hello, Flag.NO_AUTH, Flag.FAST));
    t.register(CommandSpec.connection("auth", -2, ConnectionCommands::auth, Flag.NO_AUTH, Flag.FAST));
    t.register(CommandSpec.connection("select", 2, ConnectionCommands::select, Flag.FAST));
    // QUIT and RESET are not queued by MULTI (Redis runs them at once), hence TRANSACTION_CONTROL.
    t.register(new CommandSpec("quit", -1, EnumSet.of(Flag.NO_AUTH, Flag.TRANSACTION_CONTROL, Flag.FAST), 0, 0, 0,
        ctx -> {
          ctx.session().setCloseAfterReply(true);
          return Reply.OK;
        }));
    t.register(new CommandSpec("reset", 1, EnumSet.of(Flag.NO_AUTH, Flag.TRANSACTION_CONTROL, Flag.FAST), 0, 0, 0,
        ctx -> {
          ctx.session().reset(ctx.gateway().passwordRequired());
          return new Reply.Simple("RESET");
        }));
    ClientCommand.register(t);
  }

  private static Reply ping(CommandContext ctx) {
    if (ctx.args().size() > 2) {
      throw RespException.wrongArity("ping");
    }
    return ctx.args().size() == 2 ? Reply.bulk(ctx.args().bytes(1)) : Reply.PONG;
  }

  private static Reply select(CommandContext ctx) {
    long db = ctx.args().longAt(1);
    if (db != 0) {
      throw RespException.err("DB index is out of range");
    }
    return Reply.OK;
  }

  /** AUTH password | AUTH username password. */
  private static Reply auth(CommandContext ctx) {
    Args a = ctx.args();
    if (a.size() > 3) {
      throw RespException.syntax();
    }
    Gateway g = ctx.gateway();
    if (a.size() == 2 && !g.passwordRequired()) {
      throw RespException.err("AUTH <password> called without any password configured for the default user."
          + " Are you sure your configuration is correct?");
    }
    byte[] user = a.size() == 3 ? a.bytes(1) : "default".getBytes(StandardCharsets.US_ASCII);
    authenticate(ctx, user, a.bytes(a.size() - 1));
    return Reply.OK;
  }

  /** Authenticates the session as {@code user} or throws WRONGPASS (leaving it as it was). */
  private static void authenticate(CommandContext ctx, byte[] user, byte[] password) {
    Gateway g = ctx.gateway();
    boolean ok = new String(user, StandardCharsets.UTF_8).equals("default")
        && (!g.passwordRequired() || g.passwordMatches(password)); // without a password, "default" is nopass
    if (!ok) {
      throw new RespException(WRONGPASS);
    }
    ctx.session().setAuthenticated(true);
  }

  /** HELLO [protover [AUTH username password] [SETNAME clientname]]: a map describing the server. */
  private static Reply hello(CommandContext ctx) {
    Args a = ctx.args();
    ClientSession s = ctx.session();
    int protocol = s.protocol();
    int next = 1;
    if (a.size() >= 2) {
      Long v = Args.tryParseLong(a.bytes(1));
      if (v == null) {
        throw RespException.err("Protocol version is not an integer or out of range");
      }
      if (v < 2 || v > 3) {
        throw new RespException("NOPROTO unsupported protocol version");
      }
      protocol = v.intValue();
      next = 2;
    }
    byte[] user = null;
    byte[] password = null;
    String name = null;
    for (int i = next; i < a.size(); i++) {
      int more = a.size() - 1 - i;
      if (a.is(i, "AUTH") && more >= 2) {
        user = a.bytes(i + 1);
        password = a.bytes(i + 2);
        i += 2;
      } else if (a.is(i, "SETNAME") && more >= 1) {
        name = ClientCommand.validName(a.bytes(i + 1));
        i++;
      } else {
        throw RespException.err("Syntax error in HELLO option '" + a.string(i) + "'");
      }
    }
    if (user != null) {
      authenticate(ctx, user, password);
    }
    if (!s.isAuthenticated()) {
      throw new RespException(HELLO_NOAUTH);
    }
    if (name != null) {
      s.setName(name);
    }
    s.setProtocol(protocol);
    return serverMap(ctx.gateway(), s);
  }

  /** HELLO's reply: Redis's seven fields (clients key features on server and version), then NoKV's own. */
  static Reply serverMap(Gateway g, ClientSession s) {
    List<Reply> m = new ArrayList<>();
    m.add(Reply.bulk("server"));
    m.add(Reply.bulk("redis"));
    m.add(Reply.bulk("version"));
    m.add(Reply.bulk(REDIS_VERSION));
    m.add(Reply.bulk("proto"));
    m.add(Reply.integer(s.protocol()));
    m.add(Reply.bulk("id"));
    m.add(Reply.integer(s.id()));
    m.add(Reply.bulk("mode"));
    m.add(Reply.bulk("standalone"));
    m.add(Reply.bulk("role"));
    m.add(Reply.bulk("master"));
    m.add(Reply.bulk("modules"));
    m.add(Reply.EMPTY_ARRAY);
    m.add(Reply.bulk("nokv_version"));
    m.add(Reply.bulk(g.nokvVersion()));
    return new Reply.Map(m);
  }
}

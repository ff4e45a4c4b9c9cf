package io.nokv.server.resp.command;

import io.nokv.server.resp.ClientSession;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CLIENT SETNAME, GETNAME, ID, SETINFO (LIB-NAME, LIB-VER; Redis 7.2's, which Jedis and Lettuce
 * send on connect), LIST ([TYPE t] [ID id...]), INFO and HELP. CLIENT LIST prints Redis 7.2's
 * line; the fields NoKV has no equivalent for (fd, buffers, memory) are constant.
 */
final class ClientCommand {
  private ClientCommand() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.connection("client", -2, ClientCommand::client));
  }

  private static Reply client(CommandContext ctx) {
    Args a = ctx.args();
    String sub = a.string(1).toLowerCase(Locale.ROOT);
    ClientSession s = ctx.session();
    s.touched("client|" + sub, s.lastCommandMillis());
    return switch (sub) {
      case "setname" -> {
        arity(a, 3, sub);
        s.setName(validName(a.bytes(2)));
        yield Reply.OK;
      }
      case "getname" -> {
        arity(a, 2, sub);
        yield s.name().isEmpty() ? Reply.NULL : Reply.bulk(s.name());
      }
      case "id" -> {
        arity(a, 2, sub);
        yield Reply.integer(s.id());
      }
      case "setinfo" -> {
        arity(a, 4, sub);
        setInfo(s, a);
        yield Reply.OK;
      }
      case "info" -> {
        arity(a, 2, sub);
        yield Reply.bulk(line(s, System.currentTimeMillis()) + "\n");
      }
      case "list" -> list(ctx);
      case "help" -> {
        arity(a, 2, sub);
        yield help();
      }
      default -> throw RespException.err("unknown subcommand '" + clip(a.string(1)) + "'. Try CLIENT HELP.");
    };
  }

  private static void arity(Args a, int n, String sub) {
    if (a.size() != n) {
      throw RespException.wrongArity("client|" + sub);
    }
  }

  /** A client name, checked as Redis does: printable ASCII without spaces. */
  static String validName(byte[] name) {
    if (!printableWithoutSpaces(name)) {
      throw RespException.err("Client names cannot contain spaces, newlines or special characters.");
    }
    return new String(name, StandardCharsets.US_ASCII);
  }

  private static boolean printableWithoutSpaces(byte[] b) {
    for (byte c : b) {
      if (c < '!' || c > '~') {
        return false;
      }
    }
    return true;
  }

  private static void setInfo(ClientSession s, Args a) {
    String attr = a.string(2);
    boolean libName = attr.equalsIgnoreCase("lib-name");
    if (!libName && !attr.equalsIgnoreCase("lib-ver")) {
      throw RespException.err("Unrecognized option '" + clip(attr) + "'");
    }
    if (!printableWithoutSpaces(a.bytes(3))) {
      throw RespException.err(attr + " cannot contain spaces, newlines or special characters.");
    }
    if (libName) {
      s.setLibName(a.string(3));
    } else {
      s.setLibVersion(a.string(3));
    }
  }

  /** CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id [id ...]]. */
  private static Reply list(CommandContext ctx) {
    Args a = ctx.args();
    Set<Long> ids = null;
    boolean onlyOthers = false;
    int i = 2;
    if (i < a.size() && a.is(i, "TYPE") && a.size() == 4) {
      String type = a.string(3).toLowerCase(Locale.ROOT);
      if (!Set.of("normal", "master", "replica", "slave", "pubsub").contains(type)) {
        throw RespException.err("Unknown client type '" + clip(a.string(3)) + "'");
      }
      onlyOthers = !type.equals("normal"); // every NoKV client is a normal one
      i = 4;
    } else if (i < a.size() && a.is(i, "ID") && a.size() > 3) {
      ids = new HashSet<>();
      for (i = 3; i < a.size(); i++) {
        Long id = Args.tryParseLong(a.bytes(i));
        if (id == null || id < 1) {
          throw RespException.err("Invalid client ID");
        }
        ids.add(id);
      }
    }
    if (i < a.size()) {
      throw RespException.syntax();
    }
    StringBuilder out = new StringBuilder();
    long now = System.currentTimeMillis();
    if (!onlyOthers) {
      List<ClientSession> sessions = new ArrayList<>(ctx.gateway().clients().values());
      sessions.sort((x, y) -> Long.compare(x.id(), y.id()));
      for (ClientSession c : sessions) {
        if (ids == null || ids.contains(c.id())) {
          out.append(line(c, now)).append('\n');
        }
      }
    }
    return Reply.bulk(out.toString());
  }

  /** One client as Redis 7.2 prints it. */
  static String line(ClientSession c, long now) {
    int multi = c.queuedCount();
    return "id=" + c.id() + " addr=" + c.address() + " laddr=" + c.localAddress() + " fd=-1 name=" + c.name()
        + " age=" + (now - c.createdMillis()) / 1000 + " idle=" + (now - c.lastCommandMillis()) / 1000
        + " flags=" + (multi >= 0 ? "x" : "N") + " db=0 sub=0 psub=0 ssub=0 multi=" + multi
        + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r"
        + " cmd=" + c.lastCommand() + " user=default redir=-1 resp=" + c.protocol()
        + " lib-name=" + c.libName() + " lib-ver=" + c.libVersion();
  }

  private static Reply help() {
    List<Reply> lines = new ArrayList<>();
    for (String l : new String[] {
      "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "GETNAME", "    Return the name of the current connection.",
      "ID", "    Return the ID of the current connection.",
      "INFO", "    Return information about the current client connection.",
      "LIST [TYPE <normal|master|replica|pubsub>]", "LIST [ID <id> [<id>...]]",
      "    Return information about client connections.",
      "SETINFO <option> <value>", "    Set client meta attr. Options are:",
      "    * LIB-NAME: the client lib name.", "    * LIB-VER: the client lib version.",
      "SETNAME <name>", "    Assign the name <name> to the current connection.",
      "HELP", "    Print this help."
    }) {
      lines.add(new Reply.Simple(l));
    }
    return Reply.array(lines);
  }

  static String clip(String s) {
    return s.length() > 128 ? s.substring(0, 128) : s;
  }
}

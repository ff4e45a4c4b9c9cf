package io.nokv.server.resp.command;

import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * COMMAND, COMMAND COUNT, COMMAND INFO [name ...], COMMAND DOCS [name ...], COMMAND LIST: the
 * command table as Redis 7 describes it. An INFO entry has Redis's ten fields (name, arity, flags,
 * first key, last key, step, ACL categories, tips, key specs, subcommands); tips, key specs and
 * subcommands are empty. DOCS gives each command's group (what redis-cli's help groups by) and
 * empty summaries.
 */
final class CommandIntrospection {
  /** Redis's documentation group of each command NoKV has (COMMAND DOCS and the ACL category). */
  private static final Map<String, String> GROUPS = new HashMap<>();

  static {
    group("string", "get set setnx setex psetex getset getdel getex mget mset msetnx incr decr incrby decrby"
        + " incrbyfloat append strlen getrange setrange");
    group("generic", "del unlink exists expire pexpire expireat pexpireat ttl pttl persist type rename renamenx"
        + " scan keys");
    group("hash", "hset hget hmget hmset hdel hgetall hkeys hvals hlen hexists hincrby hincrbyfloat hsetnx hstrlen"
        + " hscan");
    group("set", "sadd srem smembers sismember smismember scard spop srandmember smove sinter sunion sdiff"
        + " sinterstore sunionstore sdiffstore sscan");
    group("sorted-set", "zadd zrem zscore zmscore zincrby zcard zrank zrevrank zrange zrevrange zrangebyscore"
        + " zrevrangebyscore zrangebylex zcount zlexcount zremrangebyscore zremrangebyrank zpopmin zpopmax zscan");
    group("list", "lpush rpush lpushx rpushx lpop rpop llen lrange lindex lset lrem ltrim");
    group("transactions", "multi exec discard watch unwatch");
    group("connection", "ping echo hello auth select quit reset client");
    group("server", "dbsize flushdb flushall info command config time");
  }

  private static void group(String group, String names) {
    for (String n : names.split(" ")) {
      GROUPS.put(n, group);
    }
  }

  private CommandIntrospection() {}

  static Reply command(CommandContext ctx) {
    Args a = ctx.args();
    CommandTable table = ctx.gateway().commands();
    if (a.size() == 1) {
      List<Reply> all = new ArrayList<>();
      for (CommandSpec s : table.all()) {
        all.add(info(s));
      }
      return Reply.array(all);
    }
    String sub = a.string(1).toLowerCase(Locale.ROOT);
    switch (sub) {
      case "count" -> {
        arity(a, 2, sub);
        return Reply.integer(table.size());
      }
      case "list" -> {
        // FILTERBY is not supported: NoKV has no modules, ACL categories or patterns worth filtering.
        arity(a, 2, sub);
        List<Reply> names = new ArrayList<>();
        for (CommandSpec s : table.all()) {
          names.add(Reply.bulk(s.name()));
        }
        return Reply.array(names);
      }
      case "info" -> {
        if (a.size() == 2) {
          List<Reply> all = new ArrayList<>();
          for (CommandSpec s : table.all()) {
            all.add(info(s));
          }
          return Reply.array(all);
        }
        List<Reply> out = new ArrayList<>();
        for (int i = 2; i < a.size(); i++) {
          CommandSpec s = table.lookup(a.string(i));
          out.add(s == null ? Reply.NULL : info(s));
        }
        return Reply.array(out);
      }
      case "docs" -> {
        List<Reply> m = new ArrayList<>();
        if (a.size() == 2) {
          for (CommandSpec s : table.all()) {
            m.add(Reply.bulk(s.name()));
            m.add(docs(s));
          }
        }
        for (int i = 2; i < a.size(); i++) {
          CommandSpec s = table.lookup(a.string(i));
          if (s != null) { // unknown names are left out, as in Redis
            m.add(Reply.bulk(s.name()));
            m.add(docs(s));
          }
        }
        return new Reply.Map(m);
      }
      default -> throw RespException.err("unknown subcommand '" + ClientCommand.clip(a.string(1)) + "'. Try COMMAND HELP.");
    }
  }

  private static void arity(Args a, int n, String sub) {
    if (a.size() != n) {
      throw RespException.wrongArity("command|" + sub);
    }
  }

  /** One COMMAND INFO entry. */
  static Reply info(CommandSpec s) {
    List<Reply> flags = new ArrayList<>();
    List<Reply> categories = new ArrayList<>();
    if (s.has(Flag.WRITE)) {
      flags.add(new Reply.Simple("write"));
      categories.add(new Reply.Simple("@write"));
    }
    if (s.has(Flag.READONLY)) {
      flags.add(new Reply.Simple("readonly"));
      categories.add(new Reply.Simple("@read"));
    }
    if (s.has(Flag.ADMIN)) {
      flags.add(new Reply.Simple("admin"));
      categories.add(new Reply.Simple("@admin"));
    }
    if (s.has(Flag.CONNECTION) || s.has(Flag.TRANSACTION_CONTROL)) {
      flags.add(new Reply.Simple("loading"));
      flags.add(new Reply.Simple("stale"));
    }
    if (s.has(Flag.FAST)) {
      flags.add(new Reply.Simple("fast"));
    }
    if (s.has(Flag.NO_AUTH)) {
      flags.add(new Reply.Simple("no_auth"));
    }
    String category = switch (group(s)) {
      case "generic" -> "@keyspace";
      case "sorted-set" -> "@sortedset";
      case "transactions" -> "@transaction";
      default -> "@" + group(s);
    };
    if (!category.equals("@server")) {
      categories.add(new Reply.Simple(category));
    }
    categories.add(new Reply.Simple(s.has(Flag.FAST) ? "@fast" : "@slow"));
    if (s.has(Flag.ADMIN)) {
      categories.add(new Reply.Simple("@dangerous"));
    }
    return Reply.array(
        Reply.bulk(s.name()), Reply.integer(s.arity()), new Reply.Set(flags),
        Reply.integer(s.firstKey()), Reply.integer(s.lastKey()), Reply.integer(s.step()),
        new Reply.Set(categories), Reply.EMPTY_ARRAY, Reply.EMPTY_ARRAY, Reply.EMPTY_ARRAY);
  }

  /** One COMMAND DOCS entry: enough for redis-cli's help. */
  private static Reply docs(CommandSpec s) {
    return new Reply.Map(List.of(
        Reply.bulk("summary"), Reply.bulk(""),
        Reply.bulk("since"), Reply.bulk("1.0.0"),
        Reply.bulk("group"), Reply.bulk(group(s)),
        Reply.bulk("complexity"), Reply.bulk(""),
        Reply.bulk("arguments"), Reply.EMPTY_ARRAY));
  }

  private static String group(CommandSpec s) {
    return GROUPS.getOrDefault(s.name(), "generic");
  }
}

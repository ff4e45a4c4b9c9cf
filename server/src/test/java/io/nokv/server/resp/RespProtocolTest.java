package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.server.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire, byte for byte: RESP3 replies, inline commands, protocol errors, request limits, maxclients, idle timeout. */
class RespProtocolTest {
  @TempDir Path dir;

  @Test
  void resp3RepliesAfterHello3() throws Exception {
    try (RespTestServer s = new RespTestServer(dir); RawResp r = new RawResp(s.port())) {
      assertEquals("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n", r.call("CONFIG", "GET", "maxclients"), "RESP2: flat");
      assertEquals("$-1\r\n", r.call("GET", "missing"));
      String hello = r.call("HELLO", "3");
      String id = r.call("CLIENT", "ID").substring(1).strip();
      String version = s.gateway().nokvVersion();
      assertEquals("%8\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"
          + "$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
          + "$7\r\nmodules\r\n*0\r\n$12\r\nnokv_version\r\n$" + version.length() + "\r\n" + version + "\r\n", hello);
      assertEquals("%1\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n", r.call("CONFIG", "GET", "maxclients"), "RESP3: a map");
      assertEquals("_\r\n", r.call("GET", "missing"), "RESP3 null");
      String info = r.call("COMMAND", "INFO", "get");
      assertTrue(info.startsWith("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n~"), "flags are a set in RESP3: " + info);
      assertEquals("+OK\r\n", r.call("SET", "k", "v"));
      assertTrue(r.call("HELLO").startsWith("%8\r\n"), "HELLO without a version keeps RESP3");
      r.call("HELLO", "2");
      assertEquals("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n", r.call("CONFIG", "GET", "maxclients"));
    }
  }

  @Test
  void inlineCommands() throws Exception {
    try (RespTestServer s = new RespTestServer(dir); RawResp r = new RawResp(s.port())) {
      assertEquals("+PONG\r\n", r.send("PING\r\n").reply());
      assertEquals("$3\r\na b\r\n", r.send("ECHO \"a b\"\r\n").reply());
      assertEquals("$3\r\nx\ty\r\n", r.send("ECHO \"x\\ty\"\r\n").reply());
      assertEquals("$3\r\nc'd\r\n", r.send("ECHO 'c\\'d'\r\n").reply());
      assertEquals("+OK\r\n", r.send("SET inline:key \"two words\"\r\n").reply());
      assertEquals("$9\r\ntwo words\r\n", r.call("GET", "inline:key"));
      // Empty lines and empty arrays are ignored.
      assertEquals("+PONG\r\n", r.send("\r\n\r\n*0\r\nPING\r\n").reply());
      assertEquals("-ERR unknown command '+PING', with args beginning with: \r\n", r.send("+PING\r\n").reply());
      assertEquals("-ERR wrong number of arguments for 'echo' command\r\n", r.send("ECHO \"a b\" c\r\n").reply());
      assertEquals("-ERR Protocol error: unbalanced quotes in request\r\n", r.send("ECHO \"a b\r\n").reply());
      assertTrue(r.closedByServer());
    }
  }

  @Test
  void protocolErrorsAreAnsweredInOrderThenTheConnectionCloses() throws Exception {
    try (RespTestServer s = new RespTestServer(dir)) {
      String[][] cases = {
        {"*1\r\n$x\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
        {"*1\r\n$-1\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
        {"*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
        {"*2\r\n*1\r\n", "-ERR Protocol error: expected '$', got '*'\r\n"},
        {"*2\r\n$4\r\nECHO\r\n:1\r\n", "-ERR Protocol error: expected '$', got ':'\r\n"},
        {"$3\r\nfoo\r\n", "-ERR Protocol error: expected '*', got '$'\r\n"},
      };
      for (String[] c : cases) {
        try (RawResp r = new RawResp(s.port())) {
          // Requests before the bad one are answered first, in order.
          r.send(RawResp.encode("SET", "before", "1") + RawResp.encode("PING") + c[0] + RawResp.encode("PING"));
          assertEquals("+OK\r\n", r.reply());
          assertEquals("+PONG\r\n", r.reply());
          assertEquals(c[1], r.reply(), c[0]);
          assertTrue(r.closedByServer(), c[0]);
        }
      }
      try (RawResp r = new RawResp(s.port())) {
        r.send("*2\r\n$4\r\nECHO\r\n$3\r\nabcde\r\n");
        assertTrue(r.reply().startsWith("-ERR Protocol error: "), "a missing CRLF after a bulk string");
        assertTrue(r.closedByServer());
      }
      try (RawResp r = new RawResp(s.port())) {
        r.send("x".repeat(70_000));
        assertEquals("-ERR Protocol error: too big inline request\r\n", r.reply());
        assertTrue(r.closedByServer());
      }
    }
  }

  @Test
  void requestLimits() throws Exception {
    RespServerConfig config = RespServerConfig.defaults("127.0.0.1", 0).withRequestLimits(1024, 8);
    try (RespTestServer s = new RespTestServer(dir, config)) {
      try (RawResp r = new RawResp(s.port())) {
        String fits = "a".repeat(1024);
        assertEquals("$1024\r\n" + fits + "\r\n", r.call("ECHO", fits));
        // A bulk string sent in pieces is reassembled.
        r.send("*2\r\n$4\r\nECHO\r\n$10\r\n01234").send("56789\r\n");
        assertEquals("$10\r\n0123456789\r\n", r.reply());
        assertEquals("-ERR Protocol error: invalid bulk length\r\n", r.send("*2\r\n$4\r\nECHO\r\n$1025\r\n").reply());
        assertTrue(r.closedByServer());
      }
      try (RawResp r = new RawResp(s.port())) {
        assertEquals("-ERR wrong number of arguments for 'ping' command\r\n", r.call("PING", "1", "2", "3", "4", "5", "6", "7"));
        assertEquals("-ERR Protocol error: invalid multibulk length\r\n",
            r.command("PING", "1", "2", "3", "4", "5", "6", "7", "8").reply());
        assertTrue(r.closedByServer());
      }
    }
  }

  @Test
  void maxClients() throws Exception {
    try (RespTestServer s = new RespTestServer(dir, RespServerConfig.defaults("127.0.0.1", 0).withMaxClients(2));
        RawResp a = new RawResp(s.port()); RawResp b = new RawResp(s.port())) {
      assertEquals("+PONG\r\n", a.call("PING"));
      assertEquals("+PONG\r\n", b.call("PING"));
      try (RawResp c = new RawResp(s.port())) {
        assertEquals("-ERR max number of clients reached\r\n", c.reply());
        assertTrue(c.closedByServer());
      }
      assertTrue(s.gateway().stats().connectionsRejected.sum() >= 1);
      b.close();
      Await.until(Duration.ofSeconds(10), "the closed connection to be gone", () -> s.gateway().clients().size() == 1);
      try (RawResp d = new RawResp(s.port())) {
        assertEquals("+PONG\r\n", d.call("PING"), "a slot is free again");
      }
    }
  }

  @Test
  void idleConnectionsAreClosed() throws Exception {
    RespServerConfig config = RespServerConfig.defaults("127.0.0.1", 0).withIdleTimeout(Duration.ofMillis(300));
    try (RespTestServer s = new RespTestServer(dir, config); RawResp r = new RawResp(s.port())) {
      assertEquals("+PONG\r\n", r.call("PING"));
      assertEquals(Long.toString(0), r.call("CONFIG", "GET", "timeout").split("\r\n")[4], "300 ms rounds to 0 s");
      r.setTimeoutMillis(10_000);
      long t0 = System.nanoTime();
      assertTrue(r.closedByServer(), "closed after the idle timeout");
      assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(9).toNanos());
      Await.until(Duration.ofSeconds(10), "the session to be gone", () -> s.gateway().clients().isEmpty());
    }
  }
}

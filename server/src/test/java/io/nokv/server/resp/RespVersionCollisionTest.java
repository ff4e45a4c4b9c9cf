package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Regression: collections created in one transaction once got versions start, start+1, start+2, which a later transaction could start at and reuse, showing old members. */
class RespVersionCollisionTest {
  @TempDir Path dir;

  @Test
  void recreatedCollectionsNeverSeeOldMembers() throws Exception {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis(); Socket sock = new Socket("127.0.0.1", s.port())) {
      j.sadd("x", "fromx");
      OutputStream out = sock.getOutputStream();
      InputStream in = sock.getInputStream();
      int bad = 0;
      for (int round = 0; round < 200; round++) {
        String cmds = "MULTI\r\nSADD a" + round + " 1\r\nSADD b" + round + " 1\r\nSADD c" + round + " old\r\nEXEC\r\nSUNIONSTORE c" + round + " x\r\nPING\r\n";
        out.write(cmds.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("+PONG\r\n")) {
          sb.append((char) in.read());
        }
        Set<String> members = j.smembers("c" + round);
        if (!members.equals(Set.of("fromx"))) {
          bad++;
          System.err.println("round " + round + " c=" + members);
        }
      }
      assertEquals(0, bad);
    }
  }
}

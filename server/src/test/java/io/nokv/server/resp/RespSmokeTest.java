package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

class RespSmokeTest {
  @TempDir Path dir;

  @Test
  void setGetSurviveRestart() {
    try (RespTestServer s = new RespTestServer(dir)) {
      try (Jedis j = s.jedis()) {
        assertEquals("PONG", j.ping());
        assertEquals("OK", j.set("a", "1"));
        assertEquals("1", j.get("a"));
        assertNull(j.get("missing"));
        JedisDataException e = assertThrows(JedisDataException.class, () -> j.sendCommand(() -> "NOSUCH".getBytes(), "x"));
        assertEquals("ERR unknown command 'NOSUCH', with args beginning with: 'x' ", e.getMessage());
      }
      s.restart();
      try (Jedis j = s.jedis()) {
        assertEquals("1", j.get("a"));
      }
    }
  }
}

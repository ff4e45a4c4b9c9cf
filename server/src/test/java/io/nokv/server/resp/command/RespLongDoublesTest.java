package io.nokv.server.resp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.server.resp.protocol.RespException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * INCRBYFLOAT's long double arithmetic against answers recorded from redis-server 7.0.15 on
 * x86-64 (testdata: {@code resp/incrbyfloat-redis-7.0.15.tsv}: stored value, increment, reply).
 */
class RespLongDoublesTest {
  private static final String CASES = "/resp/incrbyfloat-redis-7.0.15.tsv";

  @Test
  void matchesRedisOnRecordedCases() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    try (InputStream in = RespLongDoublesTest.class.getResourceAsStream(CASES)) {
      String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      for (String line : text.split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        cases++;
        String got;
        try {
          got = LongDoubles.incrBy(unescape(f[0]), unescape(f[1]));
        } catch (RespException e) {
          got = e.getMessage();
        }
        if (!got.equals(f[2])) {
          mismatches.add(f[0] + " + " + f[1] + ": redis " + f[2] + ", here " + got);
        }
      }
    }
    assertTrue(cases > 600, "only " + cases + " cases read");
    assertEquals(List.of(), mismatches);
  }

  @Test
  void knownAnswers() {
    assertEquals("1010.09999999999999998", incr("10.1", "1e3"));
    assertEquals("0.3", incr("0.1", "0.2"));
    assertEquals("2.5", LongDoubles.incrBy(null, bytes("2.50")));
    assertEquals("0", incr("0", "-0.000000000000000001")); // "-0" is written as 0
    assertEquals("-0.00000000000000001", incr("0", "-1e-17"));
    assertEquals("17", incr("0x10", "1"));
    assertEquals("3", incr("3.0", "0"));
    assertEquals("1.00000000000000001", incr("1", "1e-17"));
  }

  @Test
  void refusesWhatRedisRefuses() {
    for (String bad : new String[] {" 1", "1 ", "abc", "nan", "1e", "0x", "1e-5000", "1e5000", "", "1\u00002", "--1"}) {
      RespException e = assertThrows(RespException.class, () -> incr("1", bad), bad);
      assertEquals("ERR value is not a valid float", e.getMessage());
    }
    assertEquals("ERR increment would produce NaN or Infinity",
        assertThrows(RespException.class, () -> incr("1", "inf")).getMessage());
    assertEquals("ERR increment would produce NaN or Infinity",
        assertThrows(RespException.class, () -> incr("1.1e4932", "1.1e4932")).getMessage());
    assertEquals("ERR value is not a valid float", assertThrows(RespException.class, () -> incr("x", "1")).getMessage());
  }

  private static String incr(String current, String increment) {
    return LongDoubles.incrBy(bytes(current), bytes(increment));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The testdata's {@code \xNN} escapes back to bytes. */
  private static byte[] unescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
        out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}

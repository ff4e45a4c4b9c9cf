package io.nokv.bench.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespClientTest {
  private static String reply(String wire) throws IOException {
    return RespClient.readReply(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aCommandIsAnArrayOfBulkStrings() {
    assertEquals("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n",
        new String(RespClient.encode("INFO", "commandstats"), StandardCharsets.UTF_8));
  }

  @Test
  void bulkSimpleAndIntegerRepliesAreText() throws IOException {
    assertEquals("# Commandstats\r\ncmdstat_get:calls=1", reply("$35\r\n# Commandstats\r\ncmdstat_get:calls=1\r\n"));
    assertEquals("PONG", reply("+PONG\r\n"));
    assertEquals("42", reply(":42\r\n"));
    assertEquals("", reply("$0\r\n\r\n"));
  }

  @Test
  void errorsAndBrokenRepliesThrow() {
    RespClient.ErrorReply e = assertThrows(RespClient.ErrorReply.class, () -> reply("-ERR unknown command 'INFO'\r\n"));
    assertEquals("ERR unknown command 'INFO'", e.getMessage());
    assertThrows(EOFException.class, () -> reply(""));
    assertThrows(EOFException.class, () -> reply("$10\r\nshort\r\n"));
    assertThrows(IOException.class, () -> reply("$-1\r\n"));
    assertThrows(IOException.class, () -> reply("*1\r\n$1\r\na\r\n"));
    assertThrows(IOException.class, () -> reply("$x\r\n"));
  }
}

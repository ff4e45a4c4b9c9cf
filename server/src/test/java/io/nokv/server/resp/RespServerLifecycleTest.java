package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.txn.TxnClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the gateway: the address in use, background services closed with it, connections closed. */
class RespServerLifecycleTest {
  @TempDir Path dir;

  @Test
  void closeClosesConnectionsThenBackgroundServicesLastAddedFirst() throws Exception {
    List<String> closed = new ArrayList<>();
    try (TxnClient client = TxnClient.open(dir)) {
      RespServer server = RespServer.start(client, RespServerConfig.defaults("127.0.0.1", 0));
      server.backgroundServices().add(() -> closed.add("reclaimer"));
      server.backgroundServices().add(() -> closed.add("other"));
      try (RawResp r = new RawResp(server.port())) {
        assertEquals("+PONG\r\n", r.call("PING"));
        server.close();
        assertTrue(r.closedByServer(), "open connections are closed");
      }
      assertEquals(List.of("other", "reclaimer"), closed);
    }
  }

  @Test
  void addressInUse() throws Exception {
    try (TxnClient client = TxnClient.open(dir);
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      RespAddressInUseException e = assertThrows(RespAddressInUseException.class,
          () -> RespServer.start(client, RespServerConfig.defaults("127.0.0.1", taken.getLocalPort())));
      assertEquals("127.0.0.1:" + taken.getLocalPort(), e.hostAndPort());
      assertEquals("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the address is already in use", e.getMessage());
    }
  }

  @Test
  void configNeverPrintsThePassword() {
    String s = RespServerConfig.defaults("127.0.0.1", 0).withRequirepass("hunter2").toString();
    assertTrue(s.contains("requirepass=(set)") && !s.contains("hunter2"), s);
  }
}

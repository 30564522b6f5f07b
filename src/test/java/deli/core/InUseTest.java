package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Every "address in use" message names the flag that moves the port. */
class InUseTest {
  @Test
  void aPortAnotherProcessHoldsIsSaidWithTheFlagThatMovesIt() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket second = new ServerSocket()) {
      IOException failure = null;
      try {
        second.bind(taken.getLocalSocketAddress());
      } catch (IOException e) {
        failure = e;
      }
      assertEquals("; another process holds the port: --http-port moves it (0 picks a free one)", InUse.hint(new RuntimeException("wrapped", failure), "--http-port"));
      assertEquals("; another process holds the port: --port moves it (0 picks a free one)", InUse.hint("[/127.0.0.1:1] Address already in use", "--port"));
    }
  }

  @Test
  void anyOtherFailureGetsNoHint() {
    assertEquals("", InUse.hint(new IOException("Permission denied"), "--port"));
    assertEquals("", InUse.hint("connection refused", "--port"));
    assertEquals("", InUse.hint(null, "--port"));
  }
}

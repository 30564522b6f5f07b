package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void aRefusedHttpConnectionIsSaidSoNotByItsExceptionsName() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there now
    }
    IOException refused = null;
    try {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      refused = e;
    }
    assertEquals("connection refused", Failures.describe(refused));
  }

  @Test
  void theInnermostMessageOrTheFileSystemsWordsOrTheClassName() {
    assertEquals("no such file", Failures.describe(new IOException("x", new NoSuchFileException("/a/b"))));
    assertEquals("disk full", Failures.describe(new RuntimeException("outer", new IOException("disk full"))));
    assertEquals("IllegalStateException", Failures.describe(new IllegalStateException()));
    assertEquals("Connection refused", Failures.describe(new ConnectException("Connection refused")));
    assertEquals("connection refused", Failures.describe(new ConnectException()));
  }
}

package deli.logclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.core.DeliConfig;
import deli.trace.Trace;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deli's sorting clients against a CPython receiver that unpickles and rebuilds each record. */
class LogClientsTest {
  static final ActorTestKit testKit = ActorTestKit.create("LogClientsTest", DeliConfig.load());

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aPythonReceiverRebuildsEveryRecordWithMakeLogRecordAndEachIsAProtocolOnePickle() throws Exception {
    int clients = 12;
    int workload = 5;
    int records = clients * (workload * 2 + 2);
    Path script = dir.resolve("receiver.py");
    try (InputStream in = getClass().getResourceAsStream("/logserver/receiver.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Process receiver = new ProcessBuilder("python3", script.toString(), String.valueOf(records)).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertTrue(first != null && first.startsWith("PORT "), "receiver said " + first);
      int port = Integer.parseInt(first.substring(5).trim());

      LogClientSettings s =
          new LogClientSettings("127.0.0.1", port, clients, workload, Sorters.GNOME, OptionalLong.of(3), false, Duration.ofSeconds(5));
      TestProbe<LogClients.Event> listener = testKit.createTestProbe();
      testKit.spawn(LogClients.create(s, Trace.start("test"), listener.getRef()));
      LogClients.AllDone done = assertInstanceOf(LogClients.AllDone.class, listener.receiveMessage(Duration.ofSeconds(30)));
      assertEquals(List.of(), done.failures());
      assertEquals(records, done.records());

      JsonNode summary = new ObjectMapper().readTree(out.readLine());
      assertEquals(records, summary.get("records").asInt(), summary.toString());
      assertEquals(clients, summary.get("connections").asInt());
      assertEquals(0, summary.get("not_protocol_1").asInt(), "every frame is pickle.dumps(record, 1)");
      assertEquals(0, summary.get("bad").size(), summary.get("bad").toString());
      assertEquals(clients, summary.get("kinds").get("sorting").asInt());
      assertEquals(clients * workload, summary.get("kinds").get("Sorting").asInt());
      assertEquals(clients * workload, summary.get("kinds").get("Sorted").asInt());
      assertEquals(clients, summary.get("kinds").get("produced").asInt());
      List<String> loggers = new ArrayList<>();
      summary.get("loggers").forEach(n -> loggers.add(n.asText()));
      assertEquals(clients * 2, loggers.size());
      assertTrue(loggers.contains("app_1") && loggers.contains("app_1.GnomeSort"), loggers.toString());
      List<String> fields = new ArrayList<>();
      summary.get("fields").forEach(n -> fields.add(n.asText()));
      assertEquals(
          List.of("name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info", "exc_text",
              "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
              "processName", "process"),
          fields,
          "the fields of CPython 3.11's LogRecord, in its order");
    } finally {
      receiver.destroy();
    }
  }

  @Test
  void clientsThatCannotConnectSaySoInsteadOfDroppingRecordsSilently() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    LogClientSettings s =
        new LogClientSettings("127.0.0.1", port, 3, 2, Sorters.GNOME, OptionalLong.of(1), false, Duration.ofSeconds(5));
    TestProbe<LogClients.Event> listener = testKit.createTestProbe();
    testKit.spawn(LogClients.create(s, Trace.start("test"), listener.getRef()));
    LogClients.AllDone done = assertInstanceOf(LogClients.AllDone.class, listener.receiveMessage(Duration.ofSeconds(30)));
    assertEquals(3, done.failures().size());
    assertTrue(done.failures().get(0).startsWith("cannot connect to 127.0.0.1:" + port + ": "), done.failures().toString());
  }
}

package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import deli.testing.Await;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli logserver} and {@code deli logclient} as real processes. */
class LogServerIT {
  private static final Pattern SERVING = Pattern.compile("Serving on \\('127\\.0\\.0\\.1', (\\d+)\\)");

  @TempDir Path dir;

  private record Server(Process process, BufferedReader out, int port, List<String> seen) {}

  private Server start(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("logserver", "--port", "0", "--out", dir.resolve("one.log").toString()));
    all.addAll(List.of(args));
    Process p = Deli.start(all.toArray(String[]::new));
    BufferedReader out = Deli.stdout(p);
    List<String> seen = new ArrayList<>();
    Matcher m = SERVING.matcher(Deli.awaitLine(p, out, "Serving on", seen));
    assertTrue(m.find(), seen.toString());
    return new Server(p, out, Integer.parseInt(m.group(1)), seen);
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private Path script(String name) throws Exception {
    Path to = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/logserver/" + name)) {
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
    return to;
  }

  @Test
  void sigtermInTheMiddleOfALoadLosesNoRecordAndTheCountLineTellsTheTruth() throws Exception {
    Server s = start("--drain-timeout", "30s");
    Path client = script("socket_client.py");
    int clients = 4;
    int each = 1000;
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      ps.add(
          new ProcessBuilder(
                  "python3", client.toString(), "127.0.0.1", String.valueOf(s.port()), String.valueOf(each), "client_" + i,
                  dir.resolve("sent-" + i + ".jsonl").toString(), "100", "0.3")
              .start());
    }
    for (Process p : ps) {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("started", r.readLine(), "the client connected");
    }
    // SocketHandler's first connect may still sit in the kernel's accept queue: a stop then
    // refuses it, and the client drops its records, as SocketHandler does. Stop only once the
    // server has written a record of every client, so every connection is its own.
    Path out = dir.resolve("one.log");
    Await.until(Duration.ofSeconds(30), "a record of every client in " + out, () -> everyClientWritten(out, clients));
    s.process().toHandle().destroy(); // SIGTERM while the clients are still sending (about 3 s each)
    for (Process p : ps) {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    String rest = String.join("\n", s.out().lines().toList());
    Deli.Result r = Deli.finish(s.process(), 60);
    assertEquals(0, r.exit(), r.err());
    assertEquals(clients, rest.lines().filter(l -> l.matches("From \\('127\\.0\\.0\\.1', \\d+\\): " + each + " lines")).count(), rest);
    assertTrue(rest.contains("{'lines_collected': " + clients * each + "}"), rest);

    List<String> written = lines(dir.resolve("one.log"));
    assertEquals("{\"lines_collected\": " + clients * each + "}", written.get(written.size() - 1));
    for (int i = 0; i < clients; i++) {
      String prefix = "{\"name\": \"client_" + i + "\", ";
      List<String> got = written.stream().filter(l -> l.startsWith(prefix)).toList();
      assertEquals(lines(dir.resolve("sent-" + i + ".jsonl")), got, "client " + i + ": every record, in order, byte for byte");
    }
  }

  private static boolean everyClientWritten(Path out, int clients) throws java.io.IOException {
    if (!java.nio.file.Files.exists(out)) {
      return false;
    }
    String text = java.nio.file.Files.readString(out, StandardCharsets.UTF_8);
    for (int i = 0; i < clients; i++) {
      if (!text.contains("{\"name\": \"client_" + i + "\", ")) {
        return false;
      }
    }
    return true;
  }

  @Test
  void theChaptersScenarioOf256ClientsWithWorkload10Writes5632Lines() throws Exception {
    Server s = start();
    Deli.Result c = Deli.run("logclient", "--port", String.valueOf(s.port()), "--clients", "256", "--workload", "10", "--seed", "1");
    assertEquals(0, c.exit(), c.err());
    assertTrue(c.out().startsWith("5,632 records sent by 256 clients (workload 10, gnome sort)"), c.out());
    List<String> from = new ArrayList<>();
    while (from.size() < 256) {
      from.add(Deli.awaitLine(s.process(), s.out(), "From (", s.seen()));
    }
    s.process().toHandle().destroy();
    Deli.Result r = Deli.finish(s.process(), 60);
    assertEquals(0, r.exit(), r.err());
    assertTrue(from.stream().allMatch(l -> l.endsWith(": 22 lines")), from.toString());
    List<String> written = lines(dir.resolve("one.log"));
    assertEquals(5633, written.size());
    assertEquals("{\"lines_collected\": 5632}", written.get(5632));
    assertEquals(256, written.stream().filter(l -> l.contains("\"msg\": \"produced 22 entries, taking ")).count());
  }

  @Test
  void theNodeRunsTheLogServerAndStatusTellsWhatItWrote() throws Exception {
    Path log = dir.resolve("node.log");
    Process p = Deli.start("node", "--http-port", "0", "--cluster-port", "0", "--log-port", "0", "--log-out", log.toString());
    try {
      BufferedReader out = Deli.stdout(p);
      List<String> seen = new ArrayList<>();
      Matcher m = Pattern.compile("log server on \\('127\\.0\\.0\\.1', (\\d+)\\)").matcher(Deli.awaitLine(p, out, "log server on", seen));
      assertTrue(m.find(), seen.toString());
      String port = m.group(1);
      Matcher h = Pattern.compile("(http://[0-9.]+:\\d+)").matcher(Deli.awaitLine(p, out, " up: http://", seen));
      assertTrue(h.find(), seen.toString());
      Deli.Result c = Deli.run("logclient", "--port", port, "--clients", "5", "--workload", "3");
      assertEquals(0, c.exit(), c.err());

      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      // The last records may still be on their way to the file.
      String status = Await.last(Duration.ofSeconds(10), "5 clients x (3 * 2 + 2) records",
          () -> http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.group(1) + "/status")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString()).body(),
          b -> b.contains("\"lines\":40,"));
      assertTrue(status.contains("{\"name\":\"logserver\",\"state\":\"up\",\"instances\":1,\"stats\":{\"state\":\"listening\""), status);
      assertTrue(status.contains("\"lines\":40,"), "5 clients x (3 * 2 + 2) records: " + status);
      String stats = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.group(1) + "/logserver")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(stats.contains("\"address\":\"127.0.0.1:" + port + "\""), stats);

      p.toHandle().destroy();
      String rest = String.join("\n", out.lines().toList());
      Deli.Result r = Deli.finish(p, 60);
      assertEquals(0, r.exit(), r.err());
      assertTrue(rest.contains("deli node: log server wrote 40 lines to " + log), rest);
      List<String> written = lines(log);
      assertEquals(41, written.size());
      assertEquals("{\"lines_collected\": 40}", written.get(40));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void mistakesAreOneClearLine() throws Exception {
    for (String cmd : List.of("logserver", "logclient")) {
      Deli.Result help = Deli.run(cmd, "--help");
      assertEquals(0, help.exit());
      assertEquals("", help.err(), "help prints no warnings");
      assertTrue(help.out().contains("--port"), help.out());
    }
    for (String[] args : new String[][] {
      {"logserver", "--format", "xml"}, {"logserver", "--max-frame", "big"}, {"logclient", "--sorter", "quick"},
      {"logclient", "--clients", "0"}
    }) {
      Deli.Result r = Deli.run(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Deli.Result r = Deli.run("logserver", "--port", String.valueOf(taken.getLocalPort()), "--out", dir.resolve("x.log").toString());
      assertEquals(1, r.exit(), r.out() + r.err());
      assertTrue(r.err().startsWith("deli logserver: cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
      assertTrue(r.err().contains("another process holds the port: --port moves it"), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      assertFalse(Files.exists(dir.resolve("x.log")), "nothing is written when the port cannot be had");
    }
    Deli.Result none = Deli.run("logserver", "--out", "/no/such/dir/one.log");
    assertEquals(1, none.exit());
    assertEquals("deli logserver: cannot write /no/such/dir/one.log: no such directory /no/such/dir", none.err().strip());
  }

  /** Whether this JVM was started with SIGHUP ignored (its children then are too). */
  private static boolean hupIgnoredHere() {
    sun.misc.Signal hup = new sun.misc.Signal("HUP");
    sun.misc.SignalHandler before = sun.misc.Signal.handle(hup, sun.misc.SignalHandler.SIG_IGN);
    sun.misc.Signal.handle(hup, before);
    return before == sun.misc.SignalHandler.SIG_IGN;
  }

  private static void signal(Process p, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, kill.exitValue());
  }

  private void log(int port, String name, int n) throws Exception {
    Path client = script("socket_client.py");
    Process c = new ProcessBuilder("python3", client.toString(), "127.0.0.1", String.valueOf(port), String.valueOf(n), name,
        dir.resolve("sent-" + name + ".jsonl").toString()).start();
    assertTrue(c.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, c.exitValue(), new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void sighupAfterLogrotateMovedTheFileReopensItAndSigusr1DoesTooWithoutStoppingTheServer() throws Exception {
    Server s = start();
    Path out = dir.resolve("one.log");
    log(s.port(), "before", 50);
    Deli.awaitLine(s.process(), s.out(), "From (", s.seen());
    Files.move(out, dir.resolve("one.log.1")); // logrotate's rename, then its postrotate kill -HUP
    // A process started with SIGHUP ignored (this build under nohup) passes that on to deli, whose
    // JVM keeps it ignored and says so: then SIGUSR1 stands in for it.
    String hup = hupIgnoredHere() ? "USR1" : "HUP";
    signal(s.process(), hup);
    assertEquals(
        "reopened one.log: it had been moved or deleted; the old file ends with its 50 lines",
        Deli.awaitLine(s.process(), s.out(), "reopen", s.seen()));
    log(s.port(), "after", 30);
    Deli.awaitLine(s.process(), s.out(), "From (", s.seen());
    signal(s.process(), "USR1");
    assertEquals("reopen: one.log is still in place, nothing to reopen", Deli.awaitLine(s.process(), s.out(), "reopen", s.seen()));

    s.process().toHandle().destroy();
    String rest = String.join("\n", s.out().lines().toList());
    Deli.Result r = Deli.finish(s.process(), 60);
    assertEquals(0, r.exit(), r.err());
    assertTrue(rest.contains("{'lines_collected': 80}"), rest);
    List<String> first = lines(dir.resolve("one.log.1"));
    assertEquals(lines(dir.resolve("sent-before.jsonl")), first.subList(0, 50));
    assertEquals(List.of("{\"lines_collected\": 50}"), first.subList(50, first.size()));
    List<String> second = lines(out);
    assertEquals(lines(dir.resolve("sent-after.jsonl")), second.subList(0, 30));
    assertEquals(List.of("{\"lines_collected\": 30}"), second.subList(30, second.size()));
  }
}

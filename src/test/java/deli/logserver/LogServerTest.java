package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import deli.core.DeliConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log server in-process, with real CPython clients and raw sockets as peers. */
class LogServerTest {
  static final ActorTestKit testKit = ActorTestKit.create("LogServerTest", DeliConfig.load());

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static LogServerSettings settings(Path out, Duration idle, Duration drain, long rotateSize) {
    return settings(out, idle, drain, rotateSize, Duration.ofSeconds(60));
  }

  static LogServerSettings settings(Path out, Duration idle, Duration drain, long rotateSize, Duration frameTimeout) {
    return new LogServerSettings(
        "127.0.0.1", 0, out, "json", "%(message)s", 1024 * 1024, rotateSize, 0, drain, idle, 1024, 256 * 1024, 1024 * 1024,
        Duration.ofSeconds(10), Duration.ofSeconds(30), RecordDecoder.MAX_RECORD, frameTimeout);
  }

  /** A running server, its listener probe, its port and what it said before it listened. */
  record Running(
      ActorTestKit kit, ActorRef<LogServer.Command> server, TestProbe<ServerEvent> events, int port, List<ServerEvent> early) {
    /** The events until {@code n} connections have closed, by peer order of arrival. */
    List<ServerEvent.ConnectionClosed> closed(int n, Duration within) {
      List<ServerEvent.ConnectionClosed> out = new ArrayList<>();
      while (out.size() < n) {
        ServerEvent e = events.receiveMessage(within);
        if (e instanceof ServerEvent.ConnectionClosed c) {
          out.add(c);
        }
      }
      return out;
    }

    /** Stops the server as CoordinatedShutdown would, and returns its final stats. */
    ServerStats stop() {
      TestProbe<Done> done = kit.createTestProbe();
      server.tell(new LogServer.Unbind(done.getRef()));
      done.expectMessage(Duration.ofSeconds(10), Done.getInstance());
      server.tell(new LogServer.Drain(done.getRef()));
      done.expectMessage(Duration.ofSeconds(30), Done.getInstance());
      server.tell(new LogServer.Close(done.getRef()));
      ServerEvent.Stopped stopped = null;
      while (stopped == null) {
        if (events.receiveMessage(Duration.ofSeconds(10)) instanceof ServerEvent.Stopped s) {
          stopped = s;
        }
      }
      stopped.ack().tell(Done.getInstance());
      done.expectMessage(Duration.ofSeconds(10), Done.getInstance());
      kit.stop(server);
      return stopped.stats();
    }

    ServerStats stats() {
      TestProbe<ServerStats> p = kit.createTestProbe();
      server.tell(new LogServer.GetStats(p.getRef()));
      return p.receiveMessage();
    }
  }

  static Running start(LogServerSettings s) {
    return start(testKit, s);
  }

  /** A server on {@code kit} (each test class holds its own). */
  static Running start(ActorTestKit kit, LogServerSettings s) {
    TestProbe<ServerEvent> events = kit.createTestProbe();
    ActorRef<LogServer.Command> server = kit.spawn(LogServer.create(s, events.getRef(), false));
    List<ServerEvent> early = new ArrayList<>();
    ServerEvent e;
    while (!((e = events.receiveMessage(Duration.ofSeconds(10))) instanceof ServerEvent.Listening)) {
      early.add(e);
    }
    return new Running(kit, server, events, ((ServerEvent.Listening) e).bound().getPort(), early);
  }

  /** The record lines of a finished file, checking that it ends with its true count line. */
  static List<String> recordLines(Path file) throws IOException {
    List<String> lines = Python.lines(Files.readString(file, StandardCharsets.UTF_8));
    assertFalse(lines.isEmpty(), file + " is empty");
    String last = lines.remove(lines.size() - 1);
    assertEquals("{\"lines_collected\": " + lines.size() + "}\n", last, file + " must end with its count line");
    return lines;
  }

  /** Lines of {@code all} whose logger name is {@code name}, in order. */
  static List<String> ofLogger(List<String> all, String name) {
    String prefix = "{\"name\": \"" + name + "\", ";
    return all.stream().filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void everyRecordOfConcurrentCpythonClientsArrivesExactlyAsPythonWouldWriteIt() throws Exception {
    Path out = dir.resolve("one.log");
    Running r = start(settings(out, Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
    Path client = Python.script(dir, "socket_client.py");
    int clients = 4;
    int each = 600;
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      ps.add(Python.start(dir, client.toString(), "127.0.0.1", String.valueOf(r.port()), String.valueOf(each), "client_" + i, "sent-" + i + ".jsonl"));
    }
    for (Process p : ps) {
      assertEquals("started\nsent " + each, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
          new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(0, p.waitFor());
    }
    for (ServerEvent.ConnectionClosed c : r.closed(clients, Duration.ofSeconds(30))) {
      assertEquals(each, c.lines(), c.toString());
      assertNull(c.error());
      assertTrue(c.peer().matches("\\('127\\.0\\.0\\.1', \\d+\\)"), c.peer());
    }
    ServerStats stats = r.stop();
    assertEquals((long) clients * each, stats.lines());
    assertEquals(0, stats.badInputs());

    List<String> written = recordLines(out);
    assertEquals(clients * each, written.size());
    // The figures hold the last few records as written, each cut short, and no more.
    assertEquals(LastRecords.KEEP, stats.lastRecords().size(), stats.lastRecords().toString());
    for (String last : stats.lastRecords()) {
      String kept = last.endsWith("…") ? last.substring(0, last.length() - 1) : last;
      assertTrue(kept.getBytes(StandardCharsets.UTF_8).length <= LastRecords.MAX_BYTES, last);
      assertTrue(written.stream().anyMatch(w -> w.startsWith(kept) && (last.endsWith("…") || w.equals(kept + "\n"))), "not a record written: " + last);
    }
    for (int i = 0; i < clients; i++) {
      List<String> sent = Python.lines(Files.readString(dir.resolve("sent-" + i + ".jsonl"), StandardCharsets.US_ASCII));
      List<String> got = ofLogger(written, "client_" + i);
      assertEquals(sent.size(), got.size(), "client " + i);
      for (int k = 0; k < sent.size(); k++) {
        if (!sent.get(k).equals(got.get(k))) {
          fail("client " + i + " record " + k + " differs:\n python: " + sent.get(k) + " deli:   " + got.get(k));
        }
      }
    }
  }

  @Test
  void eachBadInputClosesOnlyItsConnectionWithItsReasonWhileAGoodClientLosesNothing() throws Exception {
    Path out = dir.resolve("one.log");
    Running r = start(settings(out, Duration.ofSeconds(1), Duration.ofSeconds(5), 0));
    Path marker = dir.resolve("pwned");
    String payloads =
        Python.run(
            dir,
            "-c",
            "import os, pickle, sys\n"
                + "class Evil:\n"
                + "    def __reduce__(self):\n"
                + "        return (os.system, ('touch " + marker + "',))\n"
                + "print(pickle.dumps(Evil(), 0).hex())\n"
                + "print(pickle.dumps(Evil(), 4).hex())\n"
                + "print(pickle.dumps([1, 2, 3], 1).hex())\n");
    String[] hex = payloads.strip().split("\n");
    Path client = Python.script(dir, "socket_client.py");
    Process good =
        Python.start(dir, client.toString(), "127.0.0.1", String.valueOf(r.port()), "1500", "good", "sent-good.jsonl", "100", "0.05");

    RecordPickler pickler = new RecordPickler();
    byte[] fine = pickler.frame(record("raw", "fine"));
    Map<String, byte[]> bad = new HashMap<>();
    bad.put("oversize", concat(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, new byte[100]));
    bad.put("garbage", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    bad.put("not-pickle", frame("hello, not a pickle".getBytes(StandardCharsets.US_ASCII)));
    bad.put("not-dict", concat(fine, fine, frame(unhex(hex[2]))));
    bad.put("unsafe-0", frame(unhex(hex[0])));
    bad.put("unsafe-4", frame(unhex(hex[1])));
    bad.put("truncated", concat(fine, new byte[] {0, 0, 1, 0}, new byte[40]));
    List<Socket> sockets = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", r.port()));
      s.getOutputStream().write(e.getValue());
      s.getOutputStream().flush();
      if (e.getKey().equals("truncated")) {
        s.shutdownOutput(); // the connection ends inside a frame
      }
      sockets.add(s);
    }
    Socket silent = new Socket();
    silent.connect(new InetSocketAddress("127.0.0.1", r.port()));
    Socket stalled = new Socket();
    stalled.connect(new InetSocketAddress("127.0.0.1", r.port()));
    stalled.getOutputStream().write(concat(fine, new byte[] {0, 0, 0, 50}, new byte[10]));
    sockets.add(silent);
    sockets.add(stalled);

    // The good client may finish before the last bad connection is closed (on a busy machine
    // it often does): gather every connection's end, then tell the good one by its lack of error.
    List<ServerEvent.ConnectionClosed> ended = new ArrayList<>(r.closed(sockets.size(), Duration.ofSeconds(20)));
    for (Socket s : sockets) {
      s.setSoTimeout(5000);
      assertEquals(-1, readToEnd(s.getInputStream()), "the server closed the bad connection");
      s.close();
    }
    assertEquals("started\nsent 1500", new String(good.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    ended.addAll(r.closed(1, Duration.ofSeconds(30)));
    List<ServerEvent.ConnectionClosed> clean = ended.stream().filter(c -> c.error() == null).toList();
    List<ServerEvent.ConnectionClosed> closed = ended.stream().filter(c -> c.error() != null).toList();
    assertEquals(1, clean.size(), ended.toString());
    assertEquals(sockets.size(), closed.size(), ended.toString());
    Map<String, Integer> kinds = new HashMap<>();
    long rawLines = 0;
    for (ServerEvent.ConnectionClosed c : closed) {
      assertNotNull(c.error(), c.toString());
      assertFalse(c.cutAtStop());
      kinds.merge(c.error().reason().key(), 1, Integer::sum);
      rawLines += c.lines();
    }
    assertEquals(
        Map.of("oversize", 2, "not-pickle", 1, "not-dict", 1, "unsafe", 2, "truncated", 2, "silent", 1), kinds, closed.toString());
    assertEquals(4, rawLines, "the good frames before a bad one are written");
    assertTrue(
        closed.stream().anyMatch(c -> c.error().getMessage().contains("'GET ' look like text")), closed.toString());
    assertTrue(closed.stream().anyMatch(c -> c.error().getMessage().contains("posix.system")), closed.toString());

    ServerEvent.ConnectionClosed g = clean.get(0);
    assertEquals(1500, g.lines());
    assertNull(g.error());
    ServerStats stats = r.stats();
    assertEquals(9, stats.badInputs(), stats.toString());
    assertEquals(2, stats.badInput().get("unsafe"));
    r.stop();

    assertFalse(Files.exists(marker), "the malicious pickle ran os.system");
    List<String> written = recordLines(out);
    List<String> sent = Python.lines(Files.readString(dir.resolve("sent-good.jsonl"), StandardCharsets.US_ASCII));
    assertEquals(sent, ofLogger(written, "good"));
    assertEquals(4, ofLogger(written, "raw").size());
  }

  @Test
  void aStopLetsOpenConnectionsFinishAndCutsOnlyThoseStillSendingAtTheDeadline() throws Exception {
    Path out = dir.resolve("one.log");
    Running r = start(settings(out, Duration.ofSeconds(10), Duration.ofSeconds(3), 0));
    Path client = Python.script(dir, "socket_client.py");
    // Sends for about a second: it finishes within the drain timeout.
    Process finishing =
        Python.start(dir, client.toString(), "127.0.0.1", String.valueOf(r.port()), "400", "finishing", "sent-finishing.jsonl", "50", "0.12");
    // Never finishes: a frame and a half every 100 ms until the server cuts it.
    RecordPickler pickler = new RecordPickler();
    Socket endless = new Socket();
    endless.connect(new InetSocketAddress("127.0.0.1", r.port()));
    OutputStream os = endless.getOutputStream();
    // A frame every 100 ms, paced by a scheduler; the first write the server refuses ends it.
    java.util.concurrent.ScheduledExecutorService sender = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(t -> {
      Thread thread = new Thread(t, "endless-client");
      thread.setDaemon(true);
      return thread;
    });
    int[] sent = {0};
    sender.scheduleAtFixedRate(
        () -> {
          try {
            byte[] f = pickler.frame(record("endless", "record " + sent[0]++));
            os.write(f, 0, f.length);
            os.flush();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException("cut by the server, as the test expects", e); // stops the schedule
          }
        },
        0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    TestProbe<Done> done = testKit.createTestProbe();
    done.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(2, r.stats().openConnections(), "both clients are connected");
      return null;
    });

    r.server().tell(new LogServer.Unbind(done.getRef()));
    done.expectMessage(Duration.ofSeconds(10), Done.getInstance());
    try (Socket late = new Socket()) {
      assertThrowsConnect(late, r.port());
    }
    r.server().tell(new LogServer.Drain(done.getRef()));
    List<ServerEvent.ConnectionClosed> closed = r.closed(2, Duration.ofSeconds(15));
    done.expectMessage(Duration.ofSeconds(10), Done.getInstance());
    assertEquals(0, finishing.waitFor());
    ServerEvent.ConnectionClosed cut = closed.stream().filter(ServerEvent.ConnectionClosed::cutAtStop).findFirst().orElseThrow();
    ServerEvent.ConnectionClosed whole = closed.stream().filter(c -> !c.cutAtStop()).findFirst().orElseThrow();
    assertEquals(400, whole.lines());
    assertNull(whole.error());
    assertTrue(cut.lines() >= 20, "the endless client sent for over 2 s: " + cut);
    ServerStats stats = r.stop();
    assertEquals(0, stats.badInputs(), "a cut at the deadline is no bad input");

    List<String> written = recordLines(out);
    assertEquals(
        Python.lines(Files.readString(dir.resolve("sent-finishing.jsonl"), StandardCharsets.US_ASCII)), ofLogger(written, "finishing"));
    List<String> endlessLines = ofLogger(written, "endless");
    assertEquals(cut.lines(), endlessLines.size());
    for (int i = 0; i < endlessLines.size(); i++) {
      assertTrue(endlessLines.get(i).contains("\"msg\": \"record " + i + "\""), "in order, none missing: " + endlessLines.get(i));
    }
    endless.close();
    sender.shutdownNow();
  }

  @Test
  void rotationEndsEveryFileWithItsOwnCountAndKeepsEveryRecord() throws Exception {
    Path out = dir.resolve("one.log");
    Files.writeString(out, "an earlier log\n");
    Running r = start(settings(out, Duration.ofSeconds(10), Duration.ofSeconds(5), 8 * 1024));
    assertInstanceOf(ServerEvent.KeptPrevious.class, r.early().get(0));
    RecordPickler pickler = new RecordPickler();
    int n = 1000;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", r.port()));
      for (int i = 0; i < n; i++) {
        s.getOutputStream().write(pickler.frame(record("rot", "record " + i)));
      }
    }
    int rotations = 0;
    ServerEvent.ConnectionClosed c = null;
    while (c == null) {
      ServerEvent e = r.events().receiveMessage(Duration.ofSeconds(10));
      if (e instanceof ServerEvent.Rotated) {
        rotations++;
      } else if (e instanceof ServerEvent.ConnectionClosed cc) {
        c = cc;
      }
    }
    assertEquals(n, c.lines());
    ServerStats stats = r.stop();
    assertTrue(rotations >= 3, "rotations: " + rotations);
    assertEquals(rotations + 1, stats.files());

    List<String> all = new ArrayList<>();
    for (int k = rotations; k >= 1; k--) {
      Path f = Rotation.numbered(out, k);
      assertTrue(Files.size(f) <= 8 * 1024 + 64, f + " is " + Files.size(f) + " bytes");
      all.addAll(recordLines(f));
    }
    all.addAll(recordLines(out));
    assertEquals(n, all.size());
    for (int i = 0; i < n; i++) {
      assertTrue(all.get(i).contains("\"msg\": \"record " + i + "\""), all.get(i));
    }
    assertEquals("an earlier log\n", Files.readString(Rotation.numbered(out, rotations + 1)), "the earlier log is kept, oldest");
  }

  private static void assertThrowsConnect(Socket s, int port) {
    try {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(5000);
      // Accepted by a backlog that is closing: it must then be closed without being served.
      assertEquals(-1, readToEnd(s.getInputStream()));
    } catch (IOException expected) {
      // refused: the port is released
    }
  }

  /** Reads until the server closes the connection: -1, or a reset when it left bytes unread. */
  private static int readToEnd(InputStream in) throws IOException {
    try {
      int b;
      do {
        b = in.read();
      } while (b >= 0);
      return b;
    } catch (java.net.SocketException e) {
      if (String.valueOf(e.getMessage()).contains("reset")) {
        return -1;
      }
      throw e;
    }
  }

  /** A small record, its keys in order. */
  static Map<String, Object> record(String name, String msg) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("name", name);
    m.put("msg", msg);
    return m;
  }

  static byte[] frame(byte[] payload) {
    byte[] f = new byte[payload.length + 4];
    int n = payload.length;
    f[0] = (byte) (n >>> 24);
    f[1] = (byte) (n >>> 16);
    f[2] = (byte) (n >>> 8);
    f[3] = (byte) n;
    System.arraycopy(payload, 0, f, 4, n);
    return f;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, off, p.length);
      off += p.length;
    }
    return all;
  }

  static byte[] unhex(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}

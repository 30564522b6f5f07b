package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/** What the command says when the file is moved, or the disk refuses, and when it stops. */
class LogServerCommandTest {
  @Test
  void theFilesTroublesAreSaidInOneLineEach() {
    Path one = Path.of("/tmp/x/one.log");
    assertEquals(
        List.of("reopened one.log: it had been moved or deleted; the old file ends with its 1,234 lines"),
        LogServerCommand.render(new ServerEvent.Reopened(one, true, 1234)).out());
    assertEquals(
        List.of("reopen: one.log is still in place, nothing to reopen"),
        LogServerCommand.render(new ServerEvent.Reopened(one, false, 5)).out());
    assertEquals(
        List.of("deli logserver: cannot write /tmp/x/one.log: No space left on device; holding the clients back and trying again from 100ms"),
        LogServerCommand.render(new ServerEvent.WriterStalled("cannot write /tmp/x/one.log: No space left on device", Duration.ofMillis(100))).err());
    assertEquals(
        List.of("deli logserver: writing again after 12s"), LogServerCommand.render(new ServerEvent.WriterResumed(Duration.ofSeconds(12))).err());
    assertEquals(
        List.of("deli logserver: 10 records received were not written: cannot write one.log: No space left on device; the file ends with its last whole record"),
        LogServerCommand.render(new ServerEvent.RecordsDropped(10, "cannot write one.log: No space left on device")).err());
  }

  @Test
  void theLastLineCountsInEnglishOneLineOneConnectionTwoLines() {
    ActorTestKit kit = ActorTestKit.create();
    try {
      TestProbe<Done> ack = kit.createTestProbe();
      assertEquals(
          List.of("{'lines_collected': 1}", "deli logserver: 1 line in /x/one.log from 1 connection, 0 closed for bad input"),
          LogServerCommand.render(new ServerEvent.Stopped(stats(1, 1, 1, 0), ack.getRef())).out());
      assertEquals(
          List.of(
              "{'lines_collected': 5633}",
              "deli logserver: 5,633 lines in /x/one.log and 1 rotated file from 258 connections, 1 closed for bad input"),
          LogServerCommand.render(new ServerEvent.Stopped(stats(5633, 2, 258, 1), ack.getRef())).out());
      assertEquals(
          "deli logserver: 0 lines in /x/one.log and 2 rotated files from 0 connections, 0 closed for bad input",
          LogServerCommand.render(new ServerEvent.Stopped(stats(0, 3, 0, 0), ack.getRef())).out().get(1));
      ack.expectMessage(Done.getInstance()); // each rendering lets the server stop
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static ServerStats stats(long lines, int files, long connections, long bad) {
    return new ServerStats("closed", null, "/x/one.log", "text", 0, connections, Map.of("not_pickle", bad), lines, 0, files, 0, 0, List.of());
  }

  @Test
  void eachEventOfTheServerIsSaidAsTheChapterAndDeliSayIt() {
    java.net.InetSocketAddress at = new java.net.InetSocketAddress("127.0.0.1", 18842);
    Path one = Path.of("/x/one.log");
    assertEquals(
        List.of("Serving on ('127.0.0.1', 18842)", "writing JSON lines to /x/one.log (Ctrl-C or SIGTERM stops)"),
        LogServerCommand.render(new ServerEvent.Listening("('127.0.0.1', 18842)", at, one, "json")).out());
    assertEquals(
        "writing text lines to /x/one.log (Ctrl-C or SIGTERM stops)",
        LogServerCommand.render(new ServerEvent.Listening("('127.0.0.1', 18842)", at, one, "text")).out().get(1));
    String peer = "('127.0.0.1', 5000)";
    var clean = LogServerCommand.render(new ServerEvent.ConnectionClosed(peer, 1, null, false));
    assertEquals(List.of("From ('127.0.0.1', 5000): 1 lines"), clean.out()); // the chapter's own line, as Python prints it
    assertEquals(List.of(), clean.err());
    BadInput bad = new BadInput(BadInput.Reason.NOT_PICKLE, "not a pickle");
    assertEquals(
        List.of("deli logserver: warning: closed ('127.0.0.1', 5000) (" + BadInput.Reason.NOT_PICKLE.key() + "): not a pickle"),
        LogServerCommand.render(new ServerEvent.ConnectionClosed(peer, 3, bad, false)).err());
    assertEquals(
        List.of("deli logserver: warning: ('127.0.0.1', 5000) was still connected at the drain deadline and was closed"),
        LogServerCommand.render(new ServerEvent.ConnectionClosed(peer, 3, null, true)).err());
    assertEquals(
        List.of("deli logserver: warning: ('127.0.0.1', 5000) was still connected at the drain deadline and was closed; a partial frame"),
        LogServerCommand.render(new ServerEvent.ConnectionClosed(peer, 3, new BadInput(BadInput.Reason.TRUNCATED, "a partial frame"), true)).err());
    assertEquals(
        List.of("deli logserver: stopping: no new connections"),
        LogServerCommand.render(new ServerEvent.Draining(0, Duration.ofSeconds(5))).err());
    assertEquals(
        List.of("deli logserver: stopping: no new connections; 1 open connection may finish within 5s"),
        LogServerCommand.render(new ServerEvent.Draining(1, Duration.ofSeconds(5))).err());
    assertEquals(
        List.of("deli logserver: stopping: no new connections; 2 open connections may finish within 5s"),
        LogServerCommand.render(new ServerEvent.Draining(2, Duration.ofSeconds(5))).err());
    assertEquals(
        List.of("rotated one.log to one.log.1 (12,345 lines)"),
        LogServerCommand.render(new ServerEvent.Rotated(one, Path.of("/x/one.log.1"), 12345)).out());
    assertEquals(
        List.of("kept the existing one.log as one.log.1"),
        LogServerCommand.render(new ServerEvent.KeptPrevious(one, Path.of("/x/one.log.1"))).out());
    var refused = LogServerCommand.render(new ServerEvent.NotListening("127.0.0.1:18842", "Connection refused", null));
    assertEquals(List.of("deli logserver: cannot listen on 127.0.0.1:18842: Connection refused"), refused.err());
    assertEquals(1, refused.exitCode());
    var failed = LogServerCommand.render(new ServerEvent.WriterFailed("cannot write /x/one.log: Permission denied"));
    assertEquals(List.of("deli logserver: cannot write /x/one.log: Permission denied"), failed.err());
    assertEquals(1, failed.exitCode());
  }
}

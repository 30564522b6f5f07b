package deli.logclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deli.core.Console.Output;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What `deli logclient` prints once its clients are done. */
class LogClientCommandTest {
  static final LogClientSettings SETTINGS =
      new LogClientSettings("127.0.0.1", 9020, 3, 10, Sorters.GNOME, OptionalLong.empty(), false, Duration.ofSeconds(1));

  static Output render(long records, List<String> failures) {
    return LogClientCommand.render(
        new LogClients.AllDone(null, SETTINGS.clients(), records, records * 100, 2_000_000_000L, failures), SETTINGS);
  }

  @Test
  void everyClientThroughSaysHowManyRecordsAndExitsZero() {
    Output out = render(66, List.of());
    assertEquals(
        List.of("66 records sent by 3 clients (workload 10, gnome sort) to 127.0.0.1:9020 in 2.000 s: 33 records/s"),
        out.out());
    assertEquals(List.of(), out.err());
    assertEquals(0, out.exitCode());
  }

  @Test
  void someClientsFailedCountsOnlyTheOthersAndSaysEachReasonOnceWithHowMany() {
    Output out = render(22, List.of("connection refused", "connection refused"));
    assertEquals(
        List.of("22 records sent by 1 client (workload 10, gnome sort) to 127.0.0.1:9020 in 2.000 s: 11 records/s"),
        out.out());
    assertEquals(List.of("deli logclient: 2 clients failed: connection refused"), out.err());
    assertEquals(1, out.exitCode());
  }

  @Test
  void noClientThroughPrintsOnlyTheFailuresNotANoughtRecordsLine() {
    Output out = render(0, List.of("connection refused", "timed out", "connection refused"));
    assertEquals(List.of(), out.out());
    assertEquals(
        List.of("deli logclient: 2 clients failed: connection refused", "deli logclient: 1 client failed: timed out"),
        out.err());
    assertEquals(1, out.exitCode());
  }
}

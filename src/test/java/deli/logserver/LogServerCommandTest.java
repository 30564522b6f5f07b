package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the command says when the file is moved, or the disk refuses. */
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
}

package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** deli's log as {@link LogSetup} sets it up: what logback.xml said, in code. */
class LogSetupTest {
  @Test
  void logsGoToStderrThroughAnAppenderThatNeverBlocksWithDeliAtInfoAndPekkoAtWarn() {
    LoggerContext lc = new LoggerContext();
    LogSetup.setUp(lc, null, null);
    AsyncAppender async = assertInstanceOf(AsyncAppender.class, lc.getLogger("ROOT").getAppender("ASYNC"));
    assertEquals(8192, async.getQueueSize());
    assertEquals(true, async.isNeverBlock());
    ConsoleAppender<?> stderr = assertInstanceOf(ConsoleAppender.class, async.getAppender("STDERR"));
    assertEquals("System.err", stderr.getTarget());
    assertEquals(LogSetup.PATTERN, assertInstanceOf(PatternLayoutEncoder.class, stderr.getEncoder()).getPattern());
    assertEquals(Level.WARN, lc.getLogger("ROOT").getLevel());
    assertEquals(Level.INFO, lc.getLogger("deli").getLevel());
    assertEquals(Level.INFO, lc.getLogger("deli.factor.FactorPool").getEffectiveLevel());
    assertEquals(Level.WARN, lc.getLogger("org.apache.pekko.cluster.Cluster").getEffectiveLevel());
    assertEquals(Level.OFF, lc.getLogger("deli.trace").getLevel(), "the trace only when --trace opens it");
    assertFalse(lc.getLogger("deli.trace").isAdditive(), "trace lines never reach the console");
    assertEquals(Level.OFF, lc.getLogger("org.apache.pekko.io.TcpListener").getLevel());
    lc.stop();
  }

  @Test
  void theLevelsCanBeRaisedOrLoweredByName() {
    LoggerContext lc = new LoggerContext();
    LogSetup.setUp(lc, " debug ", "INFO");
    assertEquals(Level.DEBUG, lc.getLogger("deli").getLevel());
    assertEquals(Level.INFO, lc.getLogger("org.apache.pekko").getLevel());
    lc.stop();
    assertEquals(Level.INFO, LogSetup.level("nonsense", Level.INFO), "an unknown name keeps the default");
    assertEquals(Level.WARN, LogSetup.level("", Level.WARN));
  }

  @Test
  void aLogbackTestXmlOnTheClassPathIsLeftToLogbacksOwnConfigurators() {
    LoggerContext lc = new LoggerContext();
    LogSetup setup = new LogSetup();
    setup.setContext(lc);
    assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, setup.configure(lc), "the tests' logback-test.xml wins");
    assertEquals(null, lc.getLogger("ROOT").getAppender("ASYNC"));
    lc.stop();
  }
}

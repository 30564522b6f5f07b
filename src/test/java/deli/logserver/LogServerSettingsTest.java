package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** What the log server refuses to start with, each refusal naming the setting and its bounds. */
class LogServerSettingsTest {
  private static Config config(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference().getConfig("deli.logserver")).resolve();
  }

  private static String refusal(String overrides) {
    return assertThrows(IllegalArgumentException.class, () -> LogServerSettings.from(config(overrides)), overrides).getMessage();
  }

  @Test
  void eachOutOfRangeSettingIsRefusedWithItsBounds() {
    assertEquals("port must be 0 to 65535, not -1", refusal("port = -1"));
    assertEquals("port must be 0 to 65535, not 65536", refusal("port = 65536"));
    assertEquals("format must be json or text, not 'xml'", refusal("format = XML"));
    assertEquals("max-frame must be 1 byte to 256 MiB, not 0", refusal("max-frame = 0"));
    assertEquals("max-frame must be 1 byte to 256 MiB, not 268435457", refusal("max-frame = 268435457"));
    assertEquals("max-record must be 1 KiB to 1 GiB, not 1023", refusal("max-record = 1023"));
    assertEquals("max-record must be 1 KiB to 1 GiB, not 1073741825", refusal("max-record = 1073741825"));
    assertEquals("rotate-size: '-1' is not a size (write 1048576, 512k, 1m, 100MiB or 0)", refusal("rotate-size = -1"));
    assertEquals("max-frame: '12 parsecs' is not a size (write 1048576, 512k, 1m, 100MiB or 0)", refusal("max-frame = \"12 parsecs\""));
    assertEquals("out: 'a\u0000b' is not a file name", refusal("out = \"a\\u0000b\""));
  }

  @Test
  void theBoundsThemselvesAreSettingsAUserMayGiveAndSizesAreClampedToWhatTheServerCanHold() {
    LogServerSettings low = LogServerSettings.from(config("port = 0, max-frame = 1, max-record = 1KiB, batch-bytes = 1, write-buffer = 1, format = TEXT"));
    assertEquals(0, low.port());
    assertEquals("text", low.format());
    assertEquals(1, low.maxFrame());
    assertEquals(1024, low.maxRecord());
    assertEquals(4096, low.batchBytes());
    assertEquals(4096, low.writeBuffer());
    assertTrue(low.lineFormat() instanceof TextLines);
    LogServerSettings high =
        LogServerSettings.from(config("port = 65535, max-frame = 256MiB, max-record = 1GiB, batch-bytes = 1GiB, write-buffer = 1GiB"));
    assertEquals(65535, high.port());
    assertEquals(256 * 1024 * 1024, high.maxFrame());
    assertEquals(1L << 30, high.maxRecord());
    assertEquals(64 * 1024 * 1024, high.batchBytes());
    assertEquals(256 * 1024 * 1024, high.writeBuffer());
    assertTrue(high.lineFormat() instanceof JsonLines);
  }

  @Test
  void aTextFormatPythonWouldRefuseIsAUsageErrorAtStartNotAFailurePerRecord() {
    assertThrows(IllegalArgumentException.class, () -> LogServerSettings.from(config("format = text, text-format = \"%(message\"")));
  }
}

package deli.logserver;

import com.typesafe.config.Config;
import deli.core.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The settings of {@code deli logserver} (and of the log server in {@code deli node}), read
 * once from {@code deli.logserver}.
 *
 * @param host the interface to listen on
 * @param port the port (0: any free port)
 * @param out the output file
 * @param format {@code json} (the chapter's lines) or {@code text}
 * @param textFormat the {@code logging.Formatter} format of the text lines
 * @param maxFrame the largest pickle accepted, in bytes
 * @param rotateSize the size at which the file is rotated (0: never)
 * @param rotateKeep how many rotated files to keep (0: all)
 * @param drainTimeout how long open connections may go on sending once a stop is asked
 * @param idleTimeout how long a client may stay silent before its first byte or inside a frame
 * @param maxConnections connections served at once; more wait in the listen backlog
 * @param batchBytes how many bytes of frames a connection decodes in one go, at most
 * @param writeBuffer the writer's buffer
 * @param unbindTimeout how long a stop waits for the port to be released
 * @param closeTimeout how long a stop waits for the file to be flushed and closed
 * @param maxRecord the longest line one record may become, in bytes (a pickle sharing one part
 *     many times is small and expands without end)
 * @param frameTimeout how long one frame may take to arrive, all of it (0: no limit): a client
 *     sending a byte now and then never trips the idle timeout
 */
public record LogServerSettings(
    String host,
    int port,
    Path out,
    String format,
    String textFormat,
    int maxFrame,
    long rotateSize,
    int rotateKeep,
    Duration drainTimeout,
    Duration idleTimeout,
    int maxConnections,
    int batchBytes,
    int writeBuffer,
    Duration unbindTimeout,
    Duration closeTimeout,
    long maxRecord,
    Duration frameTimeout) {

  public LogServerSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    format = format.toLowerCase(Locale.ROOT);
    if (!format.equals("json") && !format.equals("text")) {
      throw new IllegalArgumentException("format must be json or text, not '" + format + "'");
    }
    PyFormat.parse(textFormat); // a bad format is a usage error now, not a surprise per record
    if (maxFrame < 1 || maxFrame > 256 * 1024 * 1024) {
      throw new IllegalArgumentException("max-frame must be 1 byte to 256 MiB, not " + maxFrame);
    }
    if (maxRecord < 1024 || maxRecord > 1024L * 1024 * 1024) {
      throw new IllegalArgumentException("max-record must be 1 KiB to 1 GiB, not " + maxRecord);
    }
    if (rotateSize < 0) {
      throw new IllegalArgumentException("rotate-size must be 0 (never) or more, not " + rotateSize);
    }
    if (rotateKeep < 0) {
      throw new IllegalArgumentException("rotate-keep must be 0 (keep all) or more, not " + rotateKeep);
    }
  }

  public static LogServerSettings from(Config c) {
    Path out;
    try {
      out = Path.of(c.getString("out"));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("out: '" + c.getString("out") + "' is not a file name");
    }
    return new LogServerSettings(
        c.getString("host"),
        c.getInt("port"),
        out,
        c.getString("format"),
        c.getString("text-format"),
        (int) Math.min(Integer.MAX_VALUE, bytes(c, "max-frame")),
        bytes(c, "rotate-size"),
        Settings.atLeast(c, "rotate-keep", 0),
        Settings.duration(c, "drain-timeout"),
        Settings.duration(c, "idle-timeout"),
        Settings.atLeast(c, "max-connections", 1),
        (int) Math.min(64 * 1024 * 1024, Math.max(4096, bytes(c, "batch-bytes"))),
        (int) Math.min(256 * 1024 * 1024, Math.max(4096, bytes(c, "write-buffer"))),
        Settings.duration(c, "unbind-timeout"),
        Settings.duration(c, "close-timeout"),
        bytes(c, "max-record"),
        Settings.duration(c, "frame-timeout"));
  }

  /** A size in config or on the command line: {@code 1048576}, {@code 1m}, {@code 1MiB}, {@code 100MB}. */
  static long bytes(Config c, String path) {
    try {
      return c.getBytes(path);
    } catch (com.typesafe.config.ConfigException.BadValue | com.typesafe.config.ConfigException.WrongType e) {
      throw new IllegalArgumentException(
          path + ": '" + c.getValue(path).unwrapped() + "' is not a size (write 1048576, 512k, 1m, 100MiB or 0)");
    }
  }

  /** How each record becomes a line. */
  LineFormat lineFormat() {
    return format.equals("json") ? new JsonLines() : new TextLines(textFormat, ZoneId.systemDefault());
  }
}

package deli.logserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.util.ByteString;

/** CPython as the tests' oracle and peer: runs the scripts in src/test/resources/logserver. */
final class Python {
  private Python() {}

  /** Copies a test script out of the class path into {@code dir} and returns its path. */
  static Path script(Path dir, String name) throws IOException {
    Path to = dir.resolve(name);
    try (InputStream in = Python.class.getResourceAsStream("/logserver/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource logserver/" + name);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
    return to;
  }

  /** Runs python3 with {@code args} to its end and returns its stdout; fails on a non-zero exit. */
  static String run(Path dir, String... args) throws IOException, InterruptedException {
    Process p = start(dir, args);
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("python3 did not end: " + String.join(" ", args));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("python3 " + String.join(" ", args) + " exited " + p.exitValue() + ": " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  static Process start(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("python3");
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(dir.toFile()).start();
  }

  /** Splits SocketHandler frames (4-byte big-endian length + payload), each kept with its header. */
  static List<ByteString> frames(byte[] bytes) {
    List<ByteString> frames = new ArrayList<>();
    int off = 0;
    while (off < bytes.length) {
      int n = ((bytes[off] & 0xff) << 24) | ((bytes[off + 1] & 0xff) << 16) | ((bytes[off + 2] & 0xff) << 8) | (bytes[off + 3] & 0xff);
      frames.add(ByteString.fromArray(bytes, off, n + 4));
      off += n + 4;
    }
    return frames;
  }

  /** Splits text into lines, each keeping its newline. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}

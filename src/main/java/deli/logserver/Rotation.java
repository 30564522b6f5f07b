package deli.logserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves full log files aside as Python's {@code RotatingFileHandler} does: {@code one.log}
 * becomes {@code one.log.1}, the old {@code one.log.1} becomes {@code one.log.2}, and so on.
 * With {@code keep} above 0, the oldest beyond {@code one.log.<keep>} is deleted; with 0
 * every file is kept.
 */
final class Rotation {
  private Rotation() {}

  static Path numbered(Path out, int k) {
    return out.resolveSibling(out.getFileName() + "." + k);
  }

  /** Moves {@code out} to {@code out.1}, shifting the others up; returns where it went. */
  static Path shift(Path out, int keep) throws IOException {
    int last = 1;
    while (Files.exists(numbered(out, last)) && (keep == 0 || last < keep)) {
      last++;
    }
    if (keep > 0 && last == keep) {
      Files.deleteIfExists(numbered(out, keep));
    }
    for (int k = last - 1; k >= 1; k--) {
      Files.move(numbered(out, k), numbered(out, k + 1), StandardCopyOption.REPLACE_EXISTING);
    }
    Path first = numbered(out, 1);
    Files.move(out, first, StandardCopyOption.REPLACE_EXISTING);
    return first;
  }
}

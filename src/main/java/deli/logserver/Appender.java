package deli.logserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How the {@link LogWriter} appends: a chunk goes into the {@link LogFile} from line
 * {@link #cursor()} on, rotating between lines when the file would pass --rotate-size, and
 * opening the file anew when it was moved or deleted. It counts what was written (lines, bytes,
 * files made) and tells {@code news} of each rotation and reopen. Each step either happens or
 * leaves everything as it was, so a write the disk refused is tried again from where it stopped.
 */
final class Appender {
  private final LogFile file;
  private final Path out;
  private final long rotateSize;
  private final int rotateKeep;
  private final Consumer<ServerEvent> news;
  private long lines;
  private long bytes;
  private int files = 1;
  private int cursor;

  Appender(LogFile file, Path out, LogServerSettings settings, Consumer<ServerEvent> news) {
    this.file = file;
    this.out = out;
    this.rotateSize = settings.rotateSize();
    this.rotateKeep = settings.rotateKeep();
    this.news = news;
  }

  /** The next chunk is appended from its first line. */
  void startChunk() {
    cursor = 0;
  }

  /** The lines of the current chunk already written. */
  int cursor() {
    return cursor;
  }

  /**
   * Appends the chunk from line {@link #cursor()} on. An {@link IOException} leaves the cursor
   * at the first line not written; an {@link UncheckedIOException} means the file was ended and
   * no new one could be opened after it: nothing to try again.
   */
  void append(Chunk c) throws IOException {
    int[] ends = c.ends();
    while (cursor < ends.length) {
      int from = cursor == 0 ? 0 : ends[cursor - 1];
      int j = cursor;
      if (rotateSize <= 0) {
        j = ends.length;
      } else {
        while (j < ends.length && file.size() + (ends[j] - from) <= rotateSize) {
          j++;
        }
        if (j == cursor && file.lines() == 0) {
          j = cursor + 1; // one record larger than --rotate-size gets a file of its own
        }
      }
      if (j > cursor) {
        int to = ends[j - 1];
        file.add(c.bytes(), from, to - from, j - cursor);
        lines += j - cursor;
        bytes += to - from;
        cursor = j;
      }
      if (cursor < ends.length) {
        rotate();
      }
    }
  }

  private void rotate() throws IOException {
    long held = file.lines();
    file.finish();
    try {
      Path to = file.rotate(rotateKeep);
      files++;
      news.accept(new ServerEvent.Rotated(out, to, held));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the file is ended and no new one is open: nothing to retry
    }
  }

  /** Opens the file anew if it was moved or deleted (logrotate); whether it was. */
  boolean reopenIfReplaced() throws IOException {
    if (!file.replaced()) {
      return false;
    }
    long held = file.reopen();
    files++;
    news.accept(new ServerEvent.Reopened(out, true, held));
    return true;
  }

  /** Takes back what was counted but never reached the disk (a stop while it was full). */
  void lost(long lostLines, long lostBytes) {
    lines -= lostLines;
    bytes -= lostBytes;
  }

  long lines() {
    return lines;
  }

  long bytes() {
    return bytes;
  }

  int files() {
    return files;
  }
}

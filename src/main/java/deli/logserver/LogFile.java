package deli.logserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The output file under the {@link LogWriter}: whole lines in a buffer, written out in one go,
 * never a partial line. A write the disk refuses (ENOSPC) is undone to the last whole line
 * and its bytes are kept, so the writer can try again; a file moved or deleted under it
 * (logrotate) is ended with its count line and opened anew. Not thread-safe: the writer's alone.
 */
final class LogFile {
  /** Where the bytes go: a file's channel, or (in tests) one that fails as a full disk does. */
  interface Sink {
    /** Writes some of {@code b}, as a channel does. */
    void write(ByteBuffer b) throws IOException;

    long size() throws IOException;

    /** Cuts the file back to {@code size} bytes. */
    void truncate(long size) throws IOException;

    void force() throws IOException;

    void close() throws IOException;
  }

  /** Opens sinks, and tells which file a path names now. */
  interface Storage {
    /** Opens {@code path} for writing at its end, or emptied with {@code truncate}. */
    Sink open(Path path, boolean truncate) throws IOException;

    /** What tells one file from another at {@code path} (its inode), or null when there is none. */
    Object identity(Path path);
  }

  /** The disk. */
  static final Storage DISK =
      new Storage() {
        @Override
        public Sink open(Path path, boolean truncate) throws IOException {
          FileChannel c =
              truncate
                  ? FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                  : FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          c.position(c.size());
          return new Sink() {
            @Override
            public void write(ByteBuffer b) throws IOException {
              c.write(b);
            }

            @Override
            public long size() throws IOException {
              return c.size();
            }

            @Override
            public void truncate(long size) throws IOException {
              c.truncate(size);
              c.position(size);
            }

            @Override
            public void force() throws IOException {
              c.force(true);
            }

            @Override
            public void close() throws IOException {
              c.close();
            }
          };
        }

        @Override
        public Object identity(Path path) {
          try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
          } catch (IOException e) {
            return null;
          }
        }
      };

  private final Path path;
  private final Storage storage;
  private final ByteBuffer buffer;
  private Sink sink;
  private Object identity;
  private long size; // bytes in the file, whole lines only
  private long lines; // record lines in the file
  private int bufferedLines;

  private LogFile(Path path, Storage storage, int bufferSize) {
    this.path = path;
    this.storage = storage;
    this.buffer = ByteBuffer.allocateDirect(bufferSize);
  }

  /** A new, empty file at {@code path}. */
  static LogFile create(Path path, Storage storage, int bufferSize) throws IOException {
    LogFile f = new LogFile(path, storage, bufferSize);
    f.open(true);
    return f;
  }

  private void open(boolean truncate) throws IOException {
    Sink s = storage.open(path, truncate);
    sink = s;
    identity = storage.identity(path);
    size = s.size();
    lines = 0;
  }

  /** The file's size once the buffer is written. */
  long size() {
    return size + buffer.position();
  }

  /** The record lines of the file once the buffer is written. */
  long lines() {
    return lines + bufferedLines;
  }

  boolean isOpen() {
    return sink != null;
  }

  /**
   * Adds {@code count} whole lines. Writes the buffer first when they do not fit; lines larger
   * than the buffer go straight to the file. On an error nothing of these lines is taken.
   */
  void add(byte[] b, int off, int len, int count) throws IOException {
    if (len > buffer.remaining()) {
      flush();
    }
    if (len > buffer.capacity()) {
      put(ByteBuffer.wrap(b, off, len));
      size += len;
      lines += count;
      return;
    }
    buffer.put(b, off, len);
    bufferedLines += count;
  }

  /** Writes the buffer out; on an error the file is as before and the buffer is kept. */
  void flush() throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    try {
      put(buffer);
    } catch (IOException e) {
      buffer.position(buffer.limit());
      buffer.limit(buffer.capacity());
      throw e;
    }
    size += buffer.limit();
    lines += bufferedLines;
    bufferedLines = 0;
    buffer.clear();
  }

  /** Writes all of {@code b}, or, on an error, cuts the file back to its last whole line. */
  private void put(ByteBuffer b) throws IOException {
    try {
      while (b.hasRemaining()) {
        sink.write(b);
      }
    } catch (IOException e) {
      try {
        sink.truncate(size);
      } catch (IOException ignored) {
        // the write's error is the one to report; a later write cuts again
      }
      throw e;
    }
  }

  /** Writes the buffer, ends the file with its count line, forces it to disk and closes it. */
  void finish() throws IOException {
    flush();
    put(ByteBuffer.wrap(countLine(lines)));
    try {
      sink.force();
    } catch (IOException e) {
      sink.truncate(size); // the count line goes again with the next try
      throw e;
    }
    sink.close();
    sink = null;
  }

  /**
   * Ends the file at its last whole line when the disk takes no more (at a stop): what is
   * buffered is dropped, the count line, if the disk takes it, counts what is in the file.
   * Returns the lines dropped.
   */
  int abandon() {
    int dropped = bufferedLines;
    buffer.clear();
    bufferedLines = 0;
    try {
      put(ByteBuffer.wrap(countLine(lines)));
      sink.force();
    } catch (IOException e) {
      // the file ends with its last whole record, without a count line
    }
    try {
      sink.close();
    } catch (IOException ignored) {
      // nothing more can be done for it
    }
    sink = null;
    return dropped;
  }

  /** The bytes that {@link #abandon} would drop. */
  int buffered() {
    return buffer.position();
  }

  /** Whether {@code path} now names another file than the one being written, or none. */
  boolean replaced() {
    Object now = storage.identity(path);
    return now == null || !now.equals(identity);
  }

  /**
   * Ends the file being written with its count line (where it now is, if anywhere) and opens
   * {@code path} anew; what is buffered goes to the new file. Returns the lines of the old one.
   */
  long reopen() throws IOException {
    Sink old = sink;
    long held = lines;
    open(false);
    try {
      ByteBuffer count = ByteBuffer.wrap(countLine(held));
      while (count.hasRemaining()) {
        old.write(count);
      }
      old.force();
    } catch (IOException e) {
      // the old file is gone or full: the records in it are all it can hold
    } finally {
      old.close();
    }
    return held;
  }

  /** After {@link #finish}: moves the file aside as {@link Rotation} does and starts an empty one. */
  Path rotate(int keep) throws IOException {
    Path to = Rotation.shift(path, keep);
    open(true);
    return to;
  }

  private static byte[] countLine(long n) {
    return ("{\"lines_collected\": " + n + "}\n").getBytes(StandardCharsets.US_ASCII);
  }
}

package deli.logserver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per output file: a log server holds an OS lock on {@code OUT.lock} beside its
 * file for as long as it runs (the OS drops it when the process dies, even by kill -9). A
 * second server given the same file (two nodes started in one directory both write
 * {@code ./one.log}) is refused before it touches the file, instead of moving the first one's
 * live file aside and losing a count line.
 *
 * <p>The {@code .lock} file stays after a stop, by design: only the OS lock held on it means
 * anything. Deleting it at the stop would race with a server starting then: that one may have
 * opened the old file before the delete and locked it after, while a third creates and locks a
 * new file of the same name, and both would write the log.
 */
final class OutputLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock of {@code out}, or an IOException saying another server writes it. */
  static OutputLock take(Path out) throws IOException {
    Path file = out.resolveSibling(out.getFileName() + ".lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("another log server writes it (it holds " + file.getFileName() + "); give this one another file (--out; deli node: --log-out)");
    }
    return new OutputLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The process is ending or the file went away: the OS drops the lock anyway.
    }
  }
}

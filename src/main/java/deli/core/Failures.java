package deli.core;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong, in a user's words: the one description of a failure that every program
 * prints after its own "cannot do X:". It lives in core, not in {@code deli.python}, because it
 * speaks of Java's exceptions and no CPython behaviour; {@code deli.python.OsError} words the
 * file errors as Python's {@code OSError} does where a program reports as CPython would.
 */
public final class Failures {
  private Failures() {}

  /**
   * The innermost cause's message; for the file system's exceptions, whose message is only the
   * path, what happened ("no such file", "permission denied", "not a directory"); the class name
   * when there is no message.
   */
  public static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof java.net.ConnectException) {
        // Java's HTTP client: a ConnectException without a message around a ClosedChannelException.
        return root.getMessage() == null || root.getMessage().isBlank() ? "connection refused" : root.getMessage();
      }
      root = root.getCause();
    }
    if (root instanceof java.net.ConnectException && (root.getMessage() == null || root.getMessage().isBlank())) {
      return "connection refused";
    }
    if (root instanceof NoSuchFileException) {
      return "no such file";
    }
    if (root instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (root instanceof NotDirectoryException) {
      return "not a directory";
    }
    String msg = root.getMessage();
    return msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg;
  }

  /** The innermost cause of {@code t}. */
  public static Throwable root(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}

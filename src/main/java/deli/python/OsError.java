package deli.python;

import deli.core.Failures;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A file error worded as Python's {@code OSError.strerror}, in lower case ("no such file or
 * directory"), for reports that stand where CPython's would ({@code deli imports} prints
 * {@code OSError: ...} as its Python oracle does). Anything else as {@link Failures#describe}.
 */
public final class OsError {
  private OsError() {}

  public static String strerror(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (root instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (root instanceof NotDirectoryException) {
      return "not a directory";
    }
    return Failures.describe(root);
  }
}

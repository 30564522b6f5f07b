package deli.python;

import deli.core.Failures;
import java.nio.file.NoSuchFileException;

/**
 * A file error worded as Python's {@code OSError.strerror}, in lower case ("no such file or
 * directory"), for reports that stand where CPython's would ({@code deli imports} prints
 * {@code OSError: ...} as its Python oracle does). Anything else as {@link Failures#describe}.
 */
public final class OsError {
  private OsError() {}

  public static String strerror(Throwable t) {
    Throwable root = Failures.root(t);
    // Python's words where they differ from deli's ("permission denied", "not a directory" are the same).
    return root instanceof NoSuchFileException ? "no such file or directory" : Failures.describe(root);
  }
}

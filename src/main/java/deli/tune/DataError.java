package deli.tune;

import deli.core.DeliException;

/**
 * Data that k-NN cannot use, said in one line that names the file, the line and the column
 * ({@code data.csv:12: column 3: 'x' is not a number}): the command prints it and exits 1.
 */
public final class DataError extends DeliException {
  public DataError(String message) {
    super(message);
  }
}

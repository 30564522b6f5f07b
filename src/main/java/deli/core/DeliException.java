package deli.core;

/**
 * A failure to report to the user in one clear line, without a stack trace: a file that
 * cannot be read, a port already in use. The CLI prints the message and exits 1.
 */
public class DeliException extends RuntimeException {
  public DeliException(String message) {
    super(message);
  }

  public DeliException(String message, Throwable cause) {
    super(message, cause);
  }
}

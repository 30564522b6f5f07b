package deli.service;

/** A request the client got wrong: answered with 400 and {@code {"error": message}}. */
public final class BadRequest extends RuntimeException {
  public BadRequest(String message) {
    super(message, null, false, false);
  }
}

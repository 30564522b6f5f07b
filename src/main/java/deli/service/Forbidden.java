package deli.service;

/** A request for something this node does not give (a directory outside its roots): 403 and {@code {"error": message}}. */
public final class Forbidden extends RuntimeException {
  public Forbidden(String message) {
    super(message, null, false, false);
  }
}

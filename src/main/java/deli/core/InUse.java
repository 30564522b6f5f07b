package deli.core;

/** The hint every "address in use" message of deli ends with: the flag that moves the port. */
public final class InUse {
  private InUse() {}

  /** {@code "; another process holds the port: FLAG moves it (0 picks a free one)"} when {@code failure} is "address in use", else "". */
  public static String hint(Object failure, String flag) {
    for (Object f = failure; f != null; f = f instanceof Throwable t ? t.getCause() : null) {
      String text = f instanceof Throwable t ? t.getClass().getName() + " " + t.getMessage() : f.toString();
      if (text.contains("BindException") || text.contains("Address already in use")) {
        return "; another process holds the port: " + flag + " moves it (0 picks a free one)";
      }
      if (!(f instanceof Throwable)) {
        break;
      }
    }
    return "";
  }
}

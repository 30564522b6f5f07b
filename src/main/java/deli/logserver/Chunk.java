package deli.logserver;

/**
 * Records of one connection decoded into lines, ready for the writer: the bytes, where each
 * line ends, and the bad input that ended the connection after these lines, if any.
 *
 * @param bytes the lines, each ending with {@code \n}
 * @param ends the offset just past each line's {@code \n}
 * @param error why the connection ends after these lines, or null
 */
public record Chunk(byte[] bytes, int[] ends, BadInput error) {
  /** The number of records (lines) in the chunk. */
  public int lines() {
    return ends.length;
  }

  public int length() {
    return ends.length == 0 ? 0 : ends[ends.length - 1];
  }
}

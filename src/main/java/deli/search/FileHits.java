package deli.search;

import deli.core.CborSerializable;
import java.nio.charset.StandardCharsets;

/**
 * The matching lines of one file: how many there are, and the first ones with their line
 * numbers and right-stripped text. The text is the file's own bytes, all lines back to back
 * ({@code ends[i]} is where line {@code i} ends), so a match costs no object of its own. The
 * arrays are filled once by the shard and never written again.
 *
 * @param path the file, relative to the root, with {@code /} separators
 * @param count every matching line of the file (within the per-file limit)
 * @param lines the 1-based numbers of the lines that came back with their text
 */
public record FileHits(String path, int count, int[] lines, byte[] text, int[] ends) implements CborSerializable {

  /** Just a count (grep -c). */
  static FileHits counted(String path, int count) {
    return new FileHits(path, count, new int[0], new byte[0], new int[0]);
  }

  /** How many lines came back with their text. */
  public int returned() {
    return lines.length;
  }

  /** Line {@code i}'s text, decoded as UTF-8; bytes that are not UTF-8 become U+FFFD. */
  public String line(int i) {
    int from = i == 0 ? 0 : ends[i - 1];
    return new String(text, from, ends[i] - from, StandardCharsets.UTF_8);
  }

  /** The same file with only its first {@code n} lines of text. */
  FileHits firstLines(int n) {
    if (n >= lines.length) {
      return this;
    }
    int bytes = n == 0 ? 0 : ends[n - 1];
    return new FileHits(
        path, count, java.util.Arrays.copyOf(lines, n), java.util.Arrays.copyOf(text, bytes), java.util.Arrays.copyOf(ends, n));
  }

  /** The same hits with {@code prefix} before the path. */
  FileHits under(String prefix) {
    return new FileHits(prefix + path, count, lines, text, ends);
  }
}

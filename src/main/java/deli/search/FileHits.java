package deli.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import deli.core.CborSerializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The matching lines of one file: how many there are, and the first ones with their line
 * numbers and right-stripped text. An immutable value, equal to another with the same content.
 * The text is the file's own bytes, all lines back to back, so a match costs no object of its
 * own; the arrays never leave this class, so nothing can change them once the shard made them.
 */
public final class FileHits implements CborSerializable {
  private static final int[] NO_INTS = new int[0];
  private static final byte[] NO_BYTES = new byte[0];

  private final String path;
  private final int count;
  // the 1-based numbers of the lines that came back with their text
  private final int[] lines;
  private final byte[] text;
  // ends[i] is where line i's text ends in text
  private final int[] ends;

  private FileHits(String path, int count, int[] lines, byte[] text, int[] ends) {
    if (lines.length != ends.length) {
      throw new IllegalArgumentException(lines.length + " line numbers but " + ends.length + " line ends");
    }
    this.path = Objects.requireNonNull(path, "path");
    this.count = count;
    this.lines = lines;
    this.text = text;
    this.ends = ends;
  }

  /**
   * Copies of the arrays: {@code ends[i]} is where line {@code i} ends in {@code text}, and
   * {@code lines[i]} is its 1-based number in the file.
   */
  public static FileHits of(String path, int count, int[] lines, byte[] text, int[] ends) {
    return new FileHits(path, count, lines.clone(), text.clone(), ends.clone());
  }

  /**
   * The arrays themselves, which the caller hands over and never writes again: the shard's hot
   * path builds them for this file alone, so copying them again would cost for nothing.
   */
  static FileHits owning(String path, int count, int[] lines, byte[] text, int[] ends) {
    return new FileHits(path, count, lines, text, ends);
  }

  /** Just a count (grep -c). */
  static FileHits counted(String path, int count) {
    return new FileHits(path, count, NO_INTS, NO_BYTES, NO_INTS);
  }

  /** The file, relative to the root, with {@code /} separators. */
  public String path() {
    return path;
  }

  /** Every matching line of the file (within the per-file limit). */
  public int count() {
    return count;
  }

  /** How many lines came back with their text. */
  public int returned() {
    return lines.length;
  }

  /** The 1-based number in the file of returned line {@code i}. */
  public int lineNumber(int i) {
    return lines[i];
  }

  /** Line {@code i}'s text, decoded as UTF-8; bytes that are not UTF-8 become U+FFFD. */
  public String line(int i) {
    return line(i, StandardCharsets.UTF_8);
  }

  /** Line {@code i}'s text, decoded with {@code charset}. */
  public String line(int i, Charset charset) {
    int from = i == 0 ? 0 : ends[i - 1];
    return new String(text, from, ends[i] - from, charset);
  }

  /** The same file with only its first {@code n} lines of text. */
  FileHits firstLines(int n) {
    if (n >= lines.length) {
      return this;
    }
    int bytes = n == 0 ? 0 : ends[n - 1];
    return new FileHits(path, count, Arrays.copyOf(lines, n), Arrays.copyOf(text, bytes), Arrays.copyOf(ends, n));
  }

  /** The same hits with {@code prefix} before the path; the arrays are shared, as neither copy writes them. */
  FileHits under(String prefix) {
    return new FileHits(prefix + path, count, lines, text, ends);
  }

  /** What crosses nodes: the same fields a record would write. */
  private record Json(String path, int count, int[] lines, byte[] text, int[] ends) {}

  @JsonValue
  private Json json() {
    return new Json(path, count, lines, text, ends);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  private static FileHits fromJson(Json j) {
    // Jackson made these arrays for this value alone.
    return new FileHits(j.path(), j.count(), j.lines(), j.text(), j.ends());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileHits h
        && count == h.count
        && path.equals(h.path)
        && Arrays.equals(lines, h.lines)
        && Arrays.equals(ends, h.ends)
        && Arrays.equals(text, h.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, count, Arrays.hashCode(lines), Arrays.hashCode(ends), Arrays.hashCode(text));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("FileHits[").append(path).append(", count=").append(count);
    // a few lines say which value it is; a long answer would flood a test's failure message
    for (int i = 0; i < Math.min(3, returned()); i++) {
      b.append(i == 0 ? ", " : "; ").append(lines[i]).append(':').append(line(i));
    }
    if (returned() > 3) {
      b.append("; ").append(returned() - 3).append(" more");
    }
    return b.append(']').toString();
  }
}

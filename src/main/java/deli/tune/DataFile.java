package deli.tune;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads the book's data format into a {@link Dataset}: one sample a line, numeric features
 * separated by commas, the label last, no header; blank lines skipped (and not counted by the
 * split), as the book's reader does. Anything it cannot use is a {@link DataError} naming the
 * file, the line and the column.
 */
public final class DataFile {
  /** The Iris data shipped inside deli (see deli/tune/README.md beside it). */
  public static final String IRIS = "iris";

  private static final String IRIS_RESOURCE = "/deli/tune/iris.data";

  private DataFile() {}

  /** A file the user named. */
  public static Dataset read(Path file, int testEvery) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataError("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new DataError("cannot read " + file + ": " + (Files.isDirectory(file) ? "it is a directory" : e.getMessage()));
    }
    return parse(file.toString(), bytes, testEvery);
  }

  /** The Iris data set (bezdekIris, 150 rows), as the book reads it. */
  public static Dataset iris(int testEvery) {
    try (InputStream in = DataFile.class.getResourceAsStream(IRIS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + IRIS_RESOURCE);
      }
      return parse(IRIS, in.readAllBytes(), testEvery);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + IRIS_RESOURCE, e);
    }
  }

  /** Parses {@code bytes} (UTF-8) named {@code source} in messages; row n tests when n % testEvery == 0. */
  public static Dataset parse(String source, byte[] bytes, int testEvery) {
    if (testEvery < 1) {
      throw new IllegalArgumentException("testEvery must be at least 1, not " + testEvery);
    }
    String text = decode(source, bytes);
    Rows rows = new Rows();
    int lineNo = 0;
    int at = 0;
    int width = -1;
    int widthLine = 0;
    while (at < text.length()) {
      // Python's universal newlines: \n, \r\n and a lone \r all end a line.
      int end = at;
      while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      String line = text.substring(at, end);
      at = end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
      lineNo++;
      if (PyFloats.strip(line).isEmpty()) {
        continue;
      }
      if (width > 0 && rows.addPlain(line, width - 1, lineNo)) {
        continue; // plain decimals and a label: the usual line, read without splitting it
      }
      String[] cells = line.split(",", -1);
      if (cells.length < 2) {
        throw new DataError(source + ":" + lineNo + ": column 2: no label: a row is features, then its label, separated by commas");
      }
      if (width < 0) {
        width = cells.length;
        widthLine = lineNo;
      } else if (cells.length != width) {
        int column = Math.min(cells.length, width) + 1;
        throw new DataError(
            source + ":" + lineNo + ": column " + column + ": " + cells.length + " columns, where line " + widthLine + " has " + width);
      }
      rows.add(source, lineNo, cells);
    }
    if (rows.count == 0) {
      throw new DataError(source + ":1: column 1: no rows: the file is " + (text.isEmpty() ? "empty" : "blank"));
    }
    return rows.split(source, idOf(bytes, testEvery), width - 1, testEvery);
  }

  private static String decode(String source, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      // Find the first bad byte for the message: decode line by line.
      int line = 1;
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, i - start));
          } catch (CharacterCodingException bad) {
            break;
          }
          line++;
          start = i + 1;
        }
      }
      throw new DataError(source + ":" + line + ": not UTF-8 text");
    }
  }

  /**
   * The CLI's job name for the data: its CRC-32C, length and split. It names the data inside one
   * JVM only (a job over the cluster is named by a random UUID), so a checksum is enough; a
   * SHA-256 cost a cold start 40-50 ms (the security providers loaded, the digest interpreted)
   * where the CRC, an intrinsic, takes 1-2 ms.
   */
  private static String idOf(byte[] bytes, int testEvery) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return Long.toHexString(crc.getValue()) + "-" + bytes.length + "/" + testEvery;
  }

  /** The rows read so far, features in one growing array. */
  private static final class Rows {
    double[] x = new double[1024];
    int used;
    int count;
    List<String> labels = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();

    void add(String source, int lineNo, String[] cells) {
      int n = cells.length - 1;
      if (used + n > x.length) {
        if ((long) x.length * 2 > Integer.MAX_VALUE - 8) {
          throw new DataError(source + ":" + lineNo + ": too many cells for one data set");
        }
        x = Arrays.copyOf(x, Math.max(x.length * 2, used + n));
      }
      for (int c = 0; c < n; c++) {
        PyFloats.Parsed p = PyFloats.parse(cells[c]);
        if (p instanceof PyFloats.Finite f) {
          x[used + c] = f.value();
        } else {
          String why = p instanceof PyFloats.NotFinite ? " is not a finite number" : " is not a number";
          throw new DataError(source + ":" + lineNo + ": column " + (c + 1) + ": " + quote(cells[c]) + why);
        }
      }
      used += n;
      count++;
      labels.add(cells[n]);
      lines.add(lineNo);
    }

    /**
     * Adds a line of {@code n} plain decimal cells ({@code -12.5}, {@code 3}, {@code .5}: no
     * spaces, exponent or underscores, at most 18 digits) and a label without a comma, as
     * {@link #add} would; returns false, adding nothing, for any other line, which {@link #add}
     * then reads (and says what is wrong with, if anything is).
     */
    boolean addPlain(String line, int n, int lineNo) {
      if (used + n > x.length) {
        return false;
      }
      int at = 0;
      int end = line.length();
      for (int c = 0; c < n; c++) {
        at = PyFloats.plain(line, at, end, x, used + c);
        if (at < 0 || at >= end || line.charAt(at) != ',') {
          return false;
        }
        at++;
      }
      if (line.indexOf(',', at) >= 0) {
        return false;
      }
      used += n;
      count++;
      labels.add(line.substring(at));
      lines.add(lineNo);
      return true;
    }

    Dataset split(String source, String id, int features, int testEvery) {
      List<String> names = new ArrayList<>(new java.util.HashSet<>(labels));
      names.sort(DataFile::comparePython);
      Map<String, Integer> number = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        number.put(names.get(i), i);
      }
      int testing = (count + testEvery - 1) / testEvery;
      int training = count - testing;
      double[] trainX = new double[training * features];
      double[] testX = new double[testing * features];
      int[] trainLabel = new int[training];
      int[] testLabel = new int[testing];
      int[] trainLine = new int[training];
      int[] testLine = new int[testing];
      int tr = 0;
      int te = 0;
      for (int row = 0; row < count; row++) {
        if (row % testEvery == 0) {
          System.arraycopy(x, row * features, testX, te * features, features);
          testLabel[te] = number.get(labels.get(row));
          testLine[te++] = lines.get(row);
        } else {
          System.arraycopy(x, row * features, trainX, tr * features, features);
          trainLabel[tr] = number.get(labels.get(row));
          trainLine[tr++] = lines.get(row);
        }
      }
      if (training == 0) {
        throw new DataError(
            source + ":" + lines.get(0) + ": column 1: no training rows: every row of " + count + " tests (--test-every " + testEvery + ")");
      }
      boolean twoLabels = false;
      for (int i = 1; i < training && !twoLabels; i++) {
        twoLabels = trainLabel[i] != trainLabel[0];
      }
      if (!twoLabels) {
        throw new DataError(
            source + ":" + trainLine[0] + ": column " + (features + 1) + ": every training row has the label "
                + quote(names.get(trainLabel[0])) + "; k-NN needs two labels or more");
      }
      return new Dataset(
          id,
          source,
          features,
          names,
          testEvery,
          new Dataset.Samples(trainX, trainLabel, trainLine),
          new Dataset.Samples(testX, testLabel, testLine));
    }
  }

  /** Python's str order: by code points (Java's compareTo goes by UTF-16 units). */
  static int comparePython(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** A cell as a message shows it: quoted, and cut short when long. */
  static String quote(String cell) {
    String s = cell.length() > 40 ? cell.substring(0, 37) + "..." : cell;
    return "'" + s + "'";
  }
}

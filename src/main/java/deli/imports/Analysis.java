package deli.imports;

import deli.python.OsError;
import deli.core.CborSerializable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The analysis of one file, and what it gives: the chapter's {@code ImportResult} (a path, its
 * imported modules, whether they include the focus module) or why the file was not analyzed.
 */
public final class Analysis {
  /** Why a file was not analyzed. */
  public enum Problem {
    /** CPython would not decode it (encoding declaration, UTF-8, NUL bytes). */
    DECODE,
    /** CPython would not parse it. */
    SYNTAX,
    /** It could not be read (or a directory could not be listed). */
    READ
  }

  /** One file's outcome; {@code path} is relative to the root, with '/' between parts. */
  public sealed interface FileResult extends CborSerializable permits Imported, Failed {
    String path();
  }

  /** A file analyzed: its modules, sorted; for the graph, each import statement. */
  public record Imported(String path, List<String> modules, boolean focus, List<Reference> references)
      implements FileResult {
    public Imported {
      modules = List.copyOf(modules);
      references = List.copyOf(references);
    }
  }

  public record Failed(String path, Problem problem, String reason) implements FileResult {}

  /**
   * One import statement: {@code import a.b} is (0, "a.b", []); {@code from ..m import x, y}
   * is (2, "m", [x, y]); {@code from . import z} is (1, null, [z]).
   */
  public record Reference(int level, String module, List<String> names) implements CborSerializable {
    public Reference {
      names = List.copyOf(names);
    }
  }

  /** Larger files are not read: no Python source is this big, and memory is not unbounded. */
  static final long MAX_BYTES = 256L << 20;

  /** Paths in the order of Python's {@code sorted()} on {@code Path}s: part by part, by code point. */
  public static final Comparator<String> BY_PATH = Analysis::comparePaths;

  private Analysis() {}

  /** Reads and scans {@code file}; never throws: a problem is a {@link Failed}. */
  static FileResult analyze(Path file, String path, String focus, boolean references) {
    byte[] source;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return new Failed(path, Problem.READ, "OSError: not a regular file");
      }
      if (attributes.size() > MAX_BYTES) {
        return new Failed(
            path, Problem.READ, "OSError: too large to analyze (" + attributes.size() + " bytes, the limit is " + MAX_BYTES + ")");
      }
      source = Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      return new Failed(path, Problem.READ, "OSError: " + OsError.strerror(e));
    }
    try {
      ImportScanner.Found found = ImportScanner.scan(source, references);
      List<String> modules = new ArrayList<>(found.modules());
      modules.sort(Analysis::compareCodePoints);
      return new Imported(path, modules, found.modules().contains(focus), found.references());
    } catch (PythonSyntaxError e) {
      Problem p = e.kind() == PythonSyntaxError.Kind.DECODE ? Problem.DECODE : Problem.SYNTAX;
      return new Failed(path, p, e.reason());
    } catch (RuntimeException e) {
      // A bug of ours must not lose the file or the run: report it as what it is.
      return new Failed(path, Problem.SYNTAX, "internal error in deli's scanner, please report it: " + e);
    }
  }

  static int comparePaths(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ea = a.indexOf('/', i);
      int eb = b.indexOf('/', j);
      if (ea < 0) {
        ea = a.length();
      }
      if (eb < 0) {
        eb = b.length();
      }
      int c = compareCodePoints(a.substring(i, ea), b.substring(j, eb));
      if (c != 0) {
        return c;
      }
      i = ea + 1;
      j = eb + 1;
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** Python's string order: by code point (Java's compareTo differs above U+FFFF). */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char x = a.charAt(k);
      char y = b.charAt(k);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(k), b.codePointAt(k));
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }
}

package deli.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A source tree made for the tests, the same for a given seed: Python-like lines in nested
 * directories, with what trips searches up: CRLF, trailing blanks, form feeds, a missing last
 * newline, empty files, a long line, UTF-8 and Latin-1 text, and directories that must be
 * skipped (holding files that would match).
 */
final class GeneratedTree {
  static final List<String> WORDS =
      List.of("import", "class", "def", "self", "return", "Import", "CLASS", "for", "in", "x", "y", "=", "(", ")", ":", "os.path", "é", "naïve", "λ", "日本");

  private GeneratedTree() {}

  static void write(Path root, int files, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    String[] dirs = {"", "pkg/", "pkg/sub/", "pkg/sub/deep/", "tests/", "__pycache__/", ".git/", ".tox/x/", "node_modules/", "pkg/.idea/"};
    for (int f = 0; f < files; f++) {
      String dir = dirs[r.nextInt(dirs.length)];
      String name = dir + "m" + f + (r.nextInt(10) == 0 ? ".txt" : ".py");
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, content(r, f));
    }
    Files.write(root.resolve("empty.py"), new byte[0]);
    Files.write(root.resolve("no_newline.py"), "def last():\n    return zipimporter".getBytes(StandardCharsets.UTF_8));
    Files.write(root.resolve("latin1.py"), "# caf\u00e9 import\nclass D\u00e9j\u00e0:\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(root.resolve("long.py"), ("x = '" + "import ".repeat(3000) + "'\n").getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] content(SplittableRandom r, int f) {
    StringBuilder s = new StringBuilder();
    int lines = r.nextInt(120);
    for (int i = 0; i < lines; i++) {
      s.append("    ".repeat(r.nextInt(3)));
      int words = r.nextInt(8);
      for (int w = 0; w < words; w++) {
        s.append(WORDS.get(r.nextInt(WORDS.size()))).append(r.nextInt(4) == 0 ? "" : " ");
      }
      if (r.nextInt(400) == 0) {
        s.append("zipimporter");
      }
      switch (r.nextInt(20)) {
        case 0 -> s.append("  \t");
        case 1 -> s.append('\r');
        case 2 -> s.append('\f');
        default -> { }
      }
      s.append('\n');
    }
    if (r.nextInt(10) == 0 && s.length() > 0) {
      s.setLength(s.length() - 1);
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}

package deli.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directories a node reads for its callers ({@code POST /imports}): the operator's roots and
 * what lies below them, and nothing else. A path is held to them twice, as written (after
 * {@code ..} is resolved) and as it really is (after symbolic links), so neither {@code ..}
 * nor a link leads out; the kernel's own trees ({@code /proc}, {@code /sys}, {@code /dev}) are
 * refused even under a root.
 */
public final class FileRoots {
  private static final List<Path> NEVER = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private final List<Path> roots;

  public FileRoots(List<String> roots) {
    this.roots = roots.stream().map(FileRoots::real).toList();
  }

  /** The directory {@code dir} names, if it is one this node reads; else why not. */
  public Path confine(String dir) {
    if (roots.isEmpty()) {
      throw new Forbidden(
          "this node reads no directory for its callers: start it with --files-root DIR (or list them in deli.http.file-roots)");
    }
    Path written = Path.of(dir).toAbsolutePath().normalize();
    if (!allowed(written)) {
      throw outside(dir);
    }
    if (!Files.isDirectory(written)) {
      throw new BadRequest("no such directory: " + dir);
    }
    Path real;
    try {
      real = written.toRealPath();
    } catch (IOException e) {
      throw new BadRequest("cannot read directory " + dir);
    }
    if (!allowed(real)) {
      throw outside(dir);
    }
    return real;
  }

  private boolean allowed(Path p) {
    return NEVER.stream().noneMatch(p::startsWith) && roots.stream().anyMatch(p::startsWith);
  }

  private Forbidden outside(String dir) {
    return new Forbidden(
        "'" + dir + "' is outside the directories this node reads (" + String.join(", ", roots.stream().map(Path::toString).toList())
            + "); add it with --files-root (deli.http.file-roots)");
  }

  private static Path real(String root) {
    Path p = Path.of(root).toAbsolutePath().normalize();
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }
}

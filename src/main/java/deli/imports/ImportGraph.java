package deli.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The import graph of a tree's own modules: which module imports which, drawn as Graphviz DOT
 * or Mermaid. A file's module name is its path with dots ({@code email/mime/text.py} is
 * {@code email.mime.text}, a package's {@code __init__.py} is the package), under the package
 * that holds the root when the root is itself inside a package. An import points at the
 * longest part of its name that is a module of the tree ({@code import os.path} at {@code os}
 * when there is no {@code os/path.py}), {@code from p import m} at {@code p.m} when that is a
 * module, and relative imports are resolved from the importing file's package. Imports of
 * modules outside the tree are left out; modules that import focus are drawn in bold.
 */
final class ImportGraph {
  /** The formats {@code --graph} draws. */
  enum Format {
    DOT,
    MERMAID;

    static Format parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "dot" -> DOT;
        case "mermaid" -> MERMAID;
        default -> throw new IllegalArgumentException("unknown graph format '" + s + "': dot or mermaid");
      };
    }
  }

  private final String title;
  /** Module name to whether it imports the focus module. */
  private final Map<String, Boolean> modules = new TreeMap<>(Analysis::compareCodePoints);
  private final Map<String, Set<String>> edges = new TreeMap<>(Analysis::compareCodePoints);

  private ImportGraph(String title) {
    this.title = title;
  }

  /** The graph of {@code report}; {@code prefix} names the package holding the root ("" for none). */
  static ImportGraph of(ImportAnalyzer.Report report, String prefix) {
    ImportGraph g = new ImportGraph("deli imports " + report.root());
    for (Analysis.Imported f : report.files()) {
      g.modules.put(moduleOf(f.path(), prefix), f.focus());
    }
    for (Analysis.Failed f : report.errors()) {
      if (!f.path().equals(".")) {
        g.modules.putIfAbsent(moduleOf(f.path(), prefix), false);
      }
    }
    for (Analysis.Imported f : report.files()) {
      String from = moduleOf(f.path(), prefix);
      boolean isPackage = isInit(f.path());
      for (Analysis.Reference r : f.references()) {
        String base = base(from, isPackage, r);
        if (base == null) {
          continue;
        }
        if (r.names().isEmpty()) {
          g.edge(from, g.resolve(base));
          continue;
        }
        for (String name : r.names()) {
          String sub = base.isEmpty() ? name : base + "." + name;
          g.edge(from, !name.equals("*") && g.modules.containsKey(sub) ? sub : g.resolve(base));
        }
      }
    }
    return g;
  }

  /** The package that holds {@code root}, dotted, when {@code root} has an {@code __init__.py}. */
  static String packagePrefix(Path root) {
    List<String> parts = new ArrayList<>();
    Path dir = root.toAbsolutePath().normalize();
    while (dir != null && dir.getFileName() != null && Files.isRegularFile(dir.resolve("__init__.py"))) {
      parts.add(0, dir.getFileName().toString());
      dir = dir.getParent();
    }
    return String.join(".", parts);
  }

  static String moduleOf(String path, String prefix) {
    String p = path;
    int slash = p.lastIndexOf('/');
    int dot = p.lastIndexOf('.');
    if (dot > slash + 1) {
      p = p.substring(0, dot);
    }
    if (p.equals("__init__") || p.endsWith("/__init__")) {
      p = p.length() == "__init__".length() ? "" : p.substring(0, p.length() - "/__init__".length());
    }
    String dotted = p.replace('/', '.');
    if (prefix.isEmpty()) {
      return dotted.isEmpty() ? "__init__" : dotted;
    }
    return dotted.isEmpty() ? prefix : prefix + "." + dotted;
  }

  private static boolean isInit(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.startsWith("__init__.");
  }

  /** The absolute name an import statement starts from, or null when it climbs above the top. */
  private static String base(String from, boolean isPackage, Analysis.Reference r) {
    if (r.level() == 0) {
      return r.module();
    }
    String pkg = isPackage ? from : parent(from);
    for (int i = 1; i < r.level(); i++) {
      if (pkg.isEmpty()) {
        return null;
      }
      pkg = parent(pkg);
    }
    if (r.module() == null) {
      return pkg;
    }
    return pkg.isEmpty() ? r.module() : pkg + "." + r.module();
  }

  private static String parent(String module) {
    int dot = module.lastIndexOf('.');
    return dot < 0 ? "" : module.substring(0, dot);
  }

  /** The longest leading part of {@code name} that is a module of the tree, or null. */
  private String resolve(String name) {
    String n = name;
    while (!n.isEmpty()) {
      if (modules.containsKey(n)) {
        return n;
      }
      n = parent(n);
    }
    return null;
  }

  private void edge(String from, String to) {
    if (to != null && !to.equals(from)) {
      edges.computeIfAbsent(from, k -> new TreeSet<>(Analysis::compareCodePoints)).add(to);
    }
  }

  int edgeCount() {
    return edges.values().stream().mapToInt(Set::size).sum();
  }

  Set<String> modules() {
    return new HashSet<>(modules.keySet());
  }

  Map<String, Set<String>> edges() {
    return edges;
  }

  String render(Format format) {
    return format == Format.DOT ? dot() : mermaid();
  }

  String dot() {
    StringBuilder out = new StringBuilder();
    out.append("// ").append(title).append(": ").append(modules.size()).append(" modules, ")
        .append(edgeCount()).append(" imports between them\n");
    out.append("digraph imports {\n  rankdir=LR;\n  node [shape=box];\n");
    modules.forEach(
        (m, focus) -> out.append("  ").append(dotId(m)).append(focus ? " [style=bold];\n" : ";\n"));
    edges.forEach(
        (from, tos) -> tos.forEach(to -> out.append("  ").append(dotId(from)).append(" -> ").append(dotId(to)).append(";\n")));
    return out.append("}\n").toString();
  }

  String mermaid() {
    StringBuilder out = new StringBuilder();
    out.append("flowchart LR\n");
    out.append("  %% ").append(title.replace("\n", " ")).append(": ").append(modules.size()).append(" modules, ")
        .append(edgeCount()).append(" imports between them\n");
    Map<String, String> ids = new TreeMap<>(Analysis::compareCodePoints);
    modules.forEach(
        (m, focus) -> {
          String id = "m" + ids.size();
          ids.put(m, id);
          out.append("  ").append(id).append("[\"").append(m.replace("\"", "#quot;")).append("\"]")
              .append(focus ? ":::focus\n" : "\n");
        });
    edges.forEach(
        (from, tos) -> tos.forEach(to -> out.append("  ").append(ids.get(from)).append(" --> ").append(ids.get(to)).append('\n')));
    if (modules.containsValue(true)) {
      out.append("  classDef focus stroke-width:3px\n");
    }
    return out.toString();
  }

  private static String dotId(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportGraphTest {
  static Analysis.Imported file(String path, boolean focus, Analysis.Reference... refs) {
    return new Analysis.Imported(path, List.of(), focus, List.of(refs));
  }

  static Analysis.Reference ref(int level, String module, String... names) {
    return new Analysis.Reference(level, module, List.of(names));
  }

  static ImportAnalyzer.Report report(Analysis.Imported... files) {
    return new ImportAnalyzer.Report(Trace.start("t"), "root", "typing", files.length, List.of(files), List.of(), 0, 1);
  }

  @Test
  void aFilesModuleIsItsPathWithDotsAndAPackageIsItsInit() {
    assertEquals("email.mime.text", ImportGraph.moduleOf("email/mime/text.py", ""));
    assertEquals("email", ImportGraph.moduleOf("email/__init__.py", ""));
    assertEquals("os", ImportGraph.moduleOf("os.py", ""));
    assertEquals("pkg.sub.m", ImportGraph.moduleOf("sub/m.py", "pkg"));
    assertEquals("pkg", ImportGraph.moduleOf("__init__.py", "pkg"));
  }

  @Test
  void importsPointAtTheTreesOwnModulesAbsoluteRelativeAndSubmodules() {
    ImportGraph g =
        ImportGraph.of(
            report(
                file("app/__init__.py", false, ref(1, "core"), ref(0, "os")),
                file("app/core.py", true, ref(0, "app.util.strings"), ref(1, null, "util", "missing")),
                file("app/util/__init__.py", false),
                file("app/util/strings.py", false, ref(2, "core", "thing"), ref(3, null, "x")),
                file("app/cli.py", false, ref(0, "app", "core", "*"))),
            "");
    assertEquals(
        Map.of(
            "app", Set.of("app.core"),
            "app.core", Set.of("app.util", "app.util.strings", "app"),
            "app.util.strings", Set.of("app.core"),
            "app.cli", Set.of("app.core", "app")),
        g.edges());
    assertEquals(5, g.modules().size());
  }

  @Test
  void dotAndMermaidDrawTheSameGraphWithTheFocusInBold() {
    ImportGraph g = ImportGraph.of(report(file("a.py", true, ref(0, "b")), file("b.py", false)), "");
    String dot = g.dot();
    assertTrue(dot.contains("digraph imports {"), dot);
    assertTrue(dot.contains("\"a\" [style=bold];"), dot);
    assertTrue(dot.contains("\"a\" -> \"b\";"), dot);
    String mermaid = g.mermaid();
    assertTrue(mermaid.startsWith("flowchart LR\n"), mermaid);
    assertTrue(mermaid.contains("m0[\"a\"]:::focus"), mermaid);
    assertTrue(mermaid.contains("m0 --> m1"), mermaid);
  }

  @Test
  void theFormatIsDotOrMermaid() {
    assertEquals(ImportGraph.Format.MERMAID, ImportGraph.Format.parse("Mermaid"));
    assertThrows(IllegalArgumentException.class, () -> ImportGraph.Format.parse("svg"));
  }

  @Test
  void aRootInsideAPackageIsNamedFromTheOutermostPackage(@TempDir Path dir) throws Exception {
    Path inner = Files.createDirectories(dir.resolve("outer/inner"));
    Files.writeString(dir.resolve("outer/__init__.py"), "");
    Files.writeString(inner.resolve("__init__.py"), "");
    assertEquals("outer.inner", ImportGraph.packagePrefix(inner));
    assertEquals("", ImportGraph.packagePrefix(dir));
  }
}

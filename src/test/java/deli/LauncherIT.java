package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deli's choice of JVM and its start-up archive, with a stand-in JDK: a JAVA_HOME whose
 * release file says Java 25 and whose java logs its arguments, fails the training run and runs
 * everything else on this JVM (without the options this JVM does not know).
 */
class LauncherIT {

  @Test
  void aJdk25InJavaHomeIsUsedAndAFailedTrainingIsSilentAndNotRetried(@TempDir Path dir) throws Exception {
    String version = "25.0.0-launcher-test-" + UUID.randomUUID();
    Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
    Files.writeString(dir.resolve("jdk/release"), "IMPLEMENTOR=\"test\"\nJAVA_RUNTIME_VERSION=\"" + version + "\"\nJAVA_VERSION=\"25.0.0\"\n");
    Path calls = dir.resolve("calls");
    Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
    Path java = jdk.resolve("java");
    Files.writeString(
        java,
        String.join(
            "\n",
            "#!/usr/bin/env bash",
            "echo \"$*\" >>'" + calls + "'",
            "for a in \"$@\"; do [ \"$a\" = deli.Training ] && { echo 'training fails' >&2; exit 3; }; done",
            "args=()",
            "for a in \"$@\"; do case \"$a\" in --sun-misc-unsafe-memory-access=*|-XX:AOT*|-Xlog:aot=off) ;; *) args+=(\"$a\") ;; esac; done",
            "exec '" + realJava + "' \"${args[@]}\"",
            ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    // factor has a cache of its own, trained on factor alone; --version shares the one trained on every command.
    Path failed = Deli.root().resolve("target/deli-" + version + "-factor.aot.failed");
    Path sharedFailed = Deli.root().resolve("target/deli-" + version + ".aot.failed");
    try {
      for (int run = 1; run <= 3; run++) {
        List<String> command = run <= 2 ? List.of("factor", "42") : List.of("--version");
        ProcessBuilder pb = new ProcessBuilder(Deli.root().resolve("scripts/deli").toString()).directory(dir.toFile());
        pb.command().addAll(command);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().remove("DELI_JAVA");
        pb.environment().remove("DELI_ARCHIVE");
        pb.environment().put("JAVA_OPTS", Deli.javaOpts());
        pb.environment().remove("DELI_JIT");
        Deli.Result r = Deli.finish(pb.start(), 300);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith(run <= 2 ? "42: 2 3 7\n" : "deli "), r.out());
        assertEquals("", r.err(), "run " + run + " says nothing of the failed training");
        assertTrue(Files.exists(failed), "the failure is remembered: " + failed);
        assertEquals(run == 3, Files.exists(sharedFailed), "the shared cache is tried by a command without its own: " + sharedFailed);
      }
      List<String> lines = Files.readAllLines(calls);
      List<String> training = lines.stream().filter(l -> l.contains("deli.Training")).toList();
      assertEquals(2, training.size(), "factor's trained once, not again on the second run, then the shared one: " + lines);
      assertTrue(training.get(0).contains("-XX:AOTCacheOutput="), training.get(0));
      assertTrue(training.get(0).contains(" factor 42 ") && !training.get(0).contains(" chefs ") && !training.get(0).contains(" tune "),
          "factor's cache is trained on factor alone: " + training.get(0));
      assertTrue(training.get(1).contains(" chefs ") && training.get(1).contains(" tune ") && training.get(1).contains(" factor "),
          "the shared cache on every command: " + training.get(1));
      List<String> runs = lines.stream().filter(l -> l.contains("-jar") && l.endsWith("factor 42")).toList();
      assertEquals(2, runs.size(), lines.toString());
      for (String run : runs) {
        assertTrue(run.contains("--sun-misc-unsafe-memory-access=allow"), "Pekko's Unsafe warning is kept off stderr: " + run);
        assertFalse(run.contains("-XX:AOTCache="), "no cache to use: " + run);
        assertTrue(run.contains("-XX:TieredStopAtLevel=1"), "a few small numbers to factor: C1 alone: " + run);
      }
    } finally {
      Files.deleteIfExists(failed);
      Files.deleteIfExists(sharedFailed);
    }
  }

  @Test
  void onlyTheShortCommandsRunWithC1AloneAndDeliJitChooses(@TempDir Path dir) throws Exception {
    Path calls = dir.resolve("calls");
    Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
    Path java = dir.resolve("java");
    Files.writeString(
        java,
        String.join("\n", "#!/usr/bin/env bash", "echo \"$*\" >>'" + calls + "'", "exec '" + realJava + "' \"$@\"", ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    record Case(String jit, List<String> args, boolean quick, int exit) {
      Case(String jit, List<String> args, boolean quick) {
        this(jit, args, quick, 0);
      }
    }
    // Data of small work (rows x rows x columns) and of large: only the first runs with C1 alone.
    Path small = dir.resolve("small.csv");
    Path big = dir.resolve("big.csv");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 2600; i++) {
      rows.append(i % 7 + 1).append(',').append(i % 5).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
    }
    Files.writeString(small, rows.toString()); // 2,600^2 x 3 = 2e7
    StringBuilder wide = new StringBuilder();
    for (int i = 0; i < 2600; i++) {
      wide.append((i % 9 + 1 + ",").repeat(63)).append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    Files.writeString(big, wide.toString()); // 2,600^2 x 64 = 4.3e8
    // A tree to search: with a query given, C1 alone; queries from stdin (none given here: stdin is empty), C2.
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(tree.resolve("a.py"), "import os\ndef f():\n    pass\n");
    List<Case> cases =
        List.of(
            new Case(null, List.of("--version"), true),
            new Case(null, List.of("factor", "42", "97"), true),
            new Case(null, List.of("factor", "--random", "3", "--seed", "1"), false),
            new Case(null, List.of("factor", "1000000016000000063"), false),
            new Case("full", List.of("--version"), false),
            new Case("quick", List.of("factor", "--random", "3", "--seed", "1"), true),
            new Case(null, List.of("tune", "--quiet"), true),
            new Case(null, List.of("tune", "--quiet", "--repeat", "2"), false),
            new Case(null, List.of("tune", small.toString(), "--quiet", "--k", "1..3"), true),
            new Case(null, List.of("tune", big.toString(), "--quiet", "--k", "1..3"), false),
            new Case(null, List.of("search", "--root", tree.toString(), "import"), true),
            new Case(null, List.of("search", "--root", tree.toString(), "-e", "import", "-e", "def"), true),
            new Case(null, List.of("search", "--root", tree.toString(), "--repeat", "2", "import"), false),
            new Case(null, List.of("search", "--root", tree.toString(), "--shards", "2"), false, 1)); // no query: nothing found
    for (Case c : cases) {
      Files.deleteIfExists(calls);
      List<String> command = new java.util.ArrayList<>(List.of(Deli.root().resolve("scripts/deli").toString()));
      command.addAll(c.args());
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.environment().put("DELI_JAVA", java.toString());
      pb.environment().put("DELI_ARCHIVE", "off");
      pb.environment().put("JAVA_OPTS", Deli.javaOpts());
      if (c.jit() == null) {
        pb.environment().remove("DELI_JIT");
      } else {
        pb.environment().put("DELI_JIT", c.jit());
      }
      Process p = pb.start();
      p.getOutputStream().close(); // a search with no query reads its queries from stdin: none
      Deli.Result r = Deli.finish(p, 120);
      assertEquals(c.exit(), r.exit(), c + ": " + r.err());
      String call = Files.readString(calls);
      assertEquals(c.quick(), call.contains("-XX:TieredStopAtLevel=1"), c + ": " + call);
      assertEquals(c.quick(), call.contains("-Ddeli.jit=quick"), "deli's code is told the JIT it runs under: " + c + ": " + call);
    }
  }

  /**
   * The launcher builds when the jar is missing or older than pom.xml or anything under src/main
   * (a file, or a directory whose entries changed), and finds its root from any directory; run
   * here on a copy of scripts/deli with stand-ins for Maven and Java that say they were called.
   */
  @Test
  void aSourceNewerThanTheJarIsABuildAndTheRootIsFoundFromAnyDirectory(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("deli root"));
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(Deli.root().resolve("scripts/deli"), root.resolve("scripts/deli"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Path nested = Files.createDirectories(root.resolve("src/main/java/deli/x"));
    Path source = Files.writeString(nested.resolve("A.java"), "class A {}");
    Path gone = Files.writeString(nested.resolve("B.java"), "class B {}");
    Path jar = Files.createDirectories(root.resolve("target")).resolve("deli.jar");
    Files.writeString(jar, "");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path calls = dir.resolve("calls");
    for (String tool : List.of("mvn", "java")) {
      Path stub = bin.resolve(tool);
      Files.writeString(stub, "#!/usr/bin/env bash\necho \"" + tool + " $*\" >>'" + calls + "'\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    try (var all = Files.walk(root)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, old);
      }
    }
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    record Run(String why, Runnable before, boolean builds) {}
    List<Run> runs =
        List.of(
            new Run("every source older than the jar", () -> {}, false),
            new Run("a file deep under src/main changed", () -> touch(source), true),
            new Run("the build touched the jar", () -> {}, false),
            new Run("a file was deleted: its directory changed", () -> delete(gone), true),
            new Run("pom.xml changed", () -> touch(root.resolve("pom.xml")), true));
    for (Run run : runs) {
      run.before().run();
      Files.deleteIfExists(calls);
      ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts/deli").toString(), "--version").directory(dir.toFile());
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      pb.environment().put("DELI_JAVA", bin.resolve("java").toString());
      pb.environment().put("DELI_ARCHIVE", "off");
      Deli.Result r = Deli.finish(pb.start(), 60);
      assertEquals(0, r.exit(), run.why() + ": " + r.err());
      List<String> lines = Files.readAllLines(calls);
      assertEquals(run.builds(), lines.get(0).startsWith("mvn "), run.why() + ": " + lines);
      assertTrue(lines.get(lines.size() - 1).contains("-jar " + jar + " --version"), run.why() + ": " + lines);
    }
    // Run from its own folder by a relative name, and from the root by another: the same root, spelled plainly.
    for (List<String> command : List.of(List.of("bash", "deli", "--version"), List.of("scripts/deli", "--version"))) {
      Files.deleteIfExists(calls);
      ProcessBuilder pb = new ProcessBuilder(command).directory(command.get(0).equals("bash") ? root.resolve("scripts").toFile() : root.toFile());
      pb.environment().put("DELI_JAVA", bin.resolve("java").toString());
      pb.environment().put("DELI_ARCHIVE", "off");
      Deli.Result r = Deli.finish(pb.start(), 60);
      assertEquals(0, r.exit(), command + ": " + r.err());
      String call = Files.readString(calls);
      assertTrue(call.contains("-Dconfig.file=" + root.toRealPath() + "/application.conf -jar " + root.toRealPath() + "/target/deli.jar --version"), command + ": " + call);
    }
  }

  @Test
  void aDeliJavaThatIsNoJavaIsOneLine(@TempDir Path dir) throws Exception {
    for (Path wrong : List.of(dir.resolve("nowhere"), dir)) {
      ProcessBuilder pb = new ProcessBuilder(Deli.root().resolve("scripts/deli").toString(), "factor", "42").directory(dir.toFile());
      pb.environment().put("DELI_JAVA", wrong.toString());
      Deli.Result r = Deli.finish(pb.start(), 60);
      assertEquals(1, r.exit(), r.err());
      assertEquals("deli: DELI_JAVA=" + wrong + " is neither a java program nor a JDK's folder with bin/java", r.err().strip());
      assertEquals("", r.out());
    }
  }

  private static void touch(Path p) {
    try {
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

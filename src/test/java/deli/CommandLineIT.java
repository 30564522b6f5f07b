package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as a user runs it. */
class CommandLineIT {

  @Test
  void helpListsTheCommandsAndExitsZero() throws Exception {
    Deli.Result r = Deli.run("--help");
    assertEquals(0, r.exit(), r.err());
    for (String cmd : List.of(
        "chefs", "sleepers", "cpu", "philosophers", "imports", "weather", "logserver", "logclient", "factor", "search",
        "node", "trace")) {
      assertTrue(
          java.util.regex.Pattern.compile("(?m)^\\s+" + cmd + "\\s").matcher(r.out()).find(),
          "help lists " + cmd + ": " + r.out());
    }
    assertEquals(0, Deli.run("chefs", "--help").exit());
    assertTrue(Deli.run("--version").out().startsWith("deli "));
  }

  @Test
  void outputIsUtf8WhateverTheLocale(@TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("menu.py"), "import café\nfrom crème.brûlée import x\n");
    ProcessBuilder pb = new ProcessBuilder(Deli.command("imports", dir.toString()));
    pb.environment().put("LC_ALL", "C");
    pb.environment().remove("LANG");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("menu.py {'café', 'crème.brûlée'}"), out);
  }

  @Test
  void aBadDurationIsAUsageErrorInOneLineWithoutAStackTrace() throws Exception {
    Deli.Result r = Deli.run("chefs", "--prep", "1x");
    assertEquals(2, r.exit());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("'1x' is not a duration"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void anUnknownFlagOrCommandOrBadNumberIsAUsageError() throws Exception {
    for (String[] args : new String[][] {{"chefs", "--nope"}, {"nope"}, {"sleepers", "--count", "many"}, {"chefs", "--fail-rate", "2"}}) {
      Deli.Result r = Deli.run(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  @Test
  void ordersFromAFileAsTheReadmeShows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path orders = dir.resolve("orders.txt");
    java.nio.file.Files.writeString(orders, "Reuben\n# a comment\n\nBLT\n");
    Deli.Result r = Deli.run("chefs", "--orders", "@" + orders, "--prep", "0");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains(" made Reuben"), r.out());
    assertTrue(r.out().contains(" made BLT"), r.out());
  }

  @Test
  void aMissingOrdersFileIsARuntimeErrorWithAClearMessage() throws Exception {
    Deli.Result r = Deli.run("chefs", "--orders", "@/no/such/file");
    assertEquals(1, r.exit());
    assertEquals("deli chefs: cannot read the orders file /no/such/file: no such file", r.err().strip());
  }

  @Test
  void chefsPrintTheChaptersLinesAndEveryOrderOnce() throws Exception {
    Deli.Result r = Deli.run("chefs", "--prep", "0..5ms", "--seed", "42");
    assertEquals(0, r.exit(), r.err());
    List<String> made = r.out().lines().filter(l -> l.matches("\\d+\\.\\d{3} (Michael|Constantine) made .+")).toList();
    assertEquals(8, made.size(), r.out());
    for (String order : List.of("Reuben", "Ham and Cheese", "Monte Cristo", "Tuna Melt", "Cuban", "Grilled Cheese", "French Dip", "BLT")) {
      assertEquals(1, made.stream().filter(l -> l.endsWith(" made " + order)).count(), order);
    }
    assertTrue(r.out().contains("8 orders made by 2 chefs in "), r.out());
  }

  @Test
  void aTracedRunDrawsTheChefsPullingOrdersFromTheDesk(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("t.jsonl");
    Deli.Result run = Deli.run("chefs", "--prep", "0", "--count", "3", "--trace", trace.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.size(trace) > 0);
    Deli.Result drawn = Deli.run("trace", trace.toString());
    assertEquals(0, drawn.exit(), drawn.err());
    assertTrue(drawn.out().startsWith("sequenceDiagram"), drawn.out());
    assertTrue(drawn.out().matches("(?s).*p\\d+->>p\\d+: NextOrder.*"), drawn.out());
    assertTrue(drawn.out().contains("as kitchen/desk"), drawn.out());
    Deli.Result svg = Deli.run("trace", trace.toString(), "--format", "svg");
    assertTrue(svg.out().startsWith("<svg"), svg.out());
  }

  @Test
  void theLauncherRunsFromAnyDirectory(@TempDir Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Deli.root().resolve("scripts/deli").toString(), "--version").directory(dir.toFile());
    pb.environment().put("JAVA_OPTS", Deli.javaOpts());
    Process p = pb.start();
    Deli.Result r = Deli.finish(p, 300);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("deli "), r.out());
  }
}

package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command's {@code --help}, through deli's own entry at picocli's default width of 80
 * columns, is exactly the text kept in {@code src/test/resources/deli/help/}: what users read
 * must not move when the code that declares the options does. To re-record after a deliberate
 * change, run with {@code -Ddeli.help.record=true} and review the diff.
 */
class HelpSnapshotTest {
  private static final Path RECORDED = Path.of("src/test/resources/deli/help");

  /** Every command path: {@code []} for deli itself, then each command and subcommand. */
  private static List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    walk(Main.commandLine(), new ArrayList<>(), all);
    return all;
  }

  private static void walk(CommandLine cmd, List<String> path, List<List<String>> all) {
    all.add(List.copyOf(path));
    cmd.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandName().equals(name)) { // aliases are the same command
        path.add(name);
        walk(sub, path, all);
        path.remove(path.size() - 1);
      }
    });
  }

  private static String file(List<String> path) {
    return (path.isEmpty() ? "deli" : "deli-" + String.join("-", path)) + ".txt";
  }

  private static String help(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    PrintStream before = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.execute(args.toArray(String[]::new)), String.join(" ", args));
    } finally {
      System.setOut(before);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyCommandHasItsSnapshotAndNoSnapshotOutlivesItsCommand() throws IOException {
    List<String> expected = commands().stream().map(HelpSnapshotTest::file).sorted().toList();
    if (Boolean.getBoolean("deli.help.record")) {
      return;
    }
    try (Stream<Path> kept = Files.list(RECORDED)) {
      assertEquals(expected, kept.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @TestFactory
  Stream<DynamicTest> helpIsWhatWasRecorded() {
    return commands().stream().map(path -> DynamicTest.dynamicTest("deli " + String.join(" ", path) + " --help", () -> {
      String shown = help(path);
      if (Boolean.getBoolean("deli.help.record")) {
        Files.createDirectories(RECORDED);
        Files.writeString(RECORDED.resolve(file(path)), shown, StandardCharsets.UTF_8);
        return;
      }
      try (InputStream in = HelpSnapshotTest.class.getResourceAsStream("/deli/help/" + file(path))) {
        assertEquals(true, in != null, "no snapshot " + file(path) + " (record with -Ddeli.help.record=true)");
        String recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(recorded, shown, file(path));
      }
    }));
  }
}

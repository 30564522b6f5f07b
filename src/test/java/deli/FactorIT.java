package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.factor.NumberSource;
import java.io.BufferedReader;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli factor} and {@code POST /factor}, run as a user runs them, against GNU factor. */
class FactorIT {
  @TempDir static Path dir;

  /** Runs a command with {@code stdin} as its input, to its end. */
  static Deli.Result run(List<String> command, String stdin) throws Exception {
    Process p = new ProcessBuilder(command).directory(new File(System.getProperty("java.io.tmpdir"))).start();
    // Each stream read on a thread of its own (the common pool may have only one thread).
    FutureTask<String> out = new FutureTask<>(() -> Deli.readAll(p.getInputStream()));
    FutureTask<String> err = new FutureTask<>(() -> Deli.readAll(p.getErrorStream()));
    new Thread(out, "stdout").start();
    new Thread(err, "stderr").start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within 120 s");
    }
    return new Deli.Result(p.exitValue(), out.get(), err.get());
  }

  static Deli.Result deli(String stdin, String... args) throws Exception {
    return run(Deli.command(args), stdin);
  }

  static String gnuFactor(String stdin) throws Exception {
    Deli.Result r = run(List.of("factor"), stdin);
    assertEquals(0, r.exit(), "GNU factor: " + r.err());
    return r.out();
  }

  static String chaptersNumbers() throws Exception {
    return NumberSource.random(40_960, 42, 100_000_000, 1_000_000_000).next(40_960).numbers().stream()
        .mapToObj(Long::toString)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  void theChaptersNumbersFromAFileComeOutInOrderAsGnuFactorPrintsThemWithOneTwoAndEightWorkers() throws Exception {
    String numbers = chaptersNumbers();
    Path file = dir.resolve("numbers.txt");
    Files.writeString(file, numbers);
    String expected = gnuFactor(numbers);
    assertEquals(40_960, expected.lines().count());
    for (String workers : List.of("1", "2", "8")) {
      Deli.Result r = deli("", "factor", "--workers", workers, "--file", file.toString());
      assertEquals(0, r.exit(), r.err());
      assertEquals(expected, r.out(), workers + " workers");
      assertEquals("", r.err());
    }
  }

  @Test
  void randomWithTheChaptersSeedIsTheChaptersListAndPrimesPrintsItsPrimes() throws Exception {
    String expected =
        gnuFactor(chaptersNumbers()).lines()
            .map(l -> l.split(": "))
            .filter(parts -> parts[0].equals(parts[1]))
            .map(parts -> parts[0] + "\n")
            .collect(Collectors.joining());
    Deli.Result r = deli("", "factor", "--random", "40960", "--seed", "42", "--primes", "--stats");
    assertEquals(0, r.exit(), r.err());
    assertEquals(expected, r.out());
    assertTrue(r.err().startsWith("deli factor: 40,960 numbers in "), r.err());
  }

  @Test
  void everyInputGetsGnuFactorsOutputErrorLinesAndExitCode() throws Exception {
    // Blank lines, spaces and tabs, 0 and 1, a '+', numbers of every size, and what GNU refuses.
    String stdin =
        "12\n\n  15\t16\nx\n-5\n1\n0\n+0012\n99999999999999999999999\n9223372036854775807\n3.5 97\n"
            + "1267650600228229401496703205377\n12\r\n\u20ac\n\n  \n18446744073709551616\n++3 +";
    agreeWithGnu(run(List.of("factor"), stdin), deli(stdin, "factor"));
    String[] args = {"12", "0", "1", " 12", "+12", "12 ", "", "abc", "1.5", "18446744073709551617"};
    List<String> gnu = new java.util.ArrayList<>(List.of("factor"));
    gnu.addAll(List.of(args));
    List<String> ours = new java.util.ArrayList<>(List.of("factor", "--"));
    ours.addAll(List.of(args));
    agreeWithGnu(run(gnu, ""), deli("", ours.toArray(new String[0])));
    agreeWithGnu(run(List.of("factor", "--", "-5"), ""), deli("", "factor", "--", "-5"));
    agreeWithGnu(run(List.of("factor"), "\n"), deli("\n", "factor"));
  }

  /** The same stdout and exit code, and GNU's error lines with deli's name for the program. */
  private static void agreeWithGnu(Deli.Result gnu, Deli.Result deli) {
    assertEquals(gnu.out(), deli.out());
    assertEquals(gnu.exit(), deli.exit(), deli.err());
    assertEquals(gnu.err().lines().map(l -> "deli " + l).toList(), deli.err().lines().toList());
  }

  @Test
  void argumentsAreFactoredAndAMissingFileOrAMixOfSourcesIsAClearError() throws Exception {
    Deli.Result args = deli("", "factor", "12", "97");
    assertEquals(0, args.exit(), args.err());
    assertEquals("12: 2 2 3\n97: 97\n", args.out());

    Deli.Result missing = deli("", "factor", "--file", "/no/such/file");
    assertEquals(1, missing.exit());
    assertEquals("deli factor: cannot read /no/such/file: no such file", missing.err().strip());

    for (String[] bad : new String[][] {{"factor", "12", "--random", "3"}, {"factor", "--seed", "3"}, {"factor", "--workers", "0", "5"}}) {
      Deli.Result r = deli("", bad);
      assertEquals(2, r.exit(), String.join(" ", bad) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void closingStdoutUnderTheCommandEndsItAtOnceWithExitCode141() throws Exception {
    Process p = Deli.start("factor", "--random", "50000000", "--seed", "1");
    try {
      BufferedReader out = Deli.stdout(p);
      String first = out.readLine();
      assertTrue(first.startsWith("244272509: "), first);
      out.close(); // as | head -1 does
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "deli factor went on factoring 50 million numbers nobody reads");
      assertEquals(141, p.exitValue(), Deli.readAll(p.getErrorStream()));
    } finally {
      p.destroyForcibly();
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theNodeFactorsAJsonListInOrderAndAnswersBadInputWithJsonErrors() throws Exception {
    Process p = Deli.start("node", "--http-port", "0", "--cluster-port", "0");
    try {
      BufferedReader out = Deli.stdout(p);
      String up = Deli.awaitLine(p, out, " up: http://", new ArrayList<>());
      assertTrue(up.contains("factor"), up);
      Matcher m = Pattern.compile("(http://[0-9.]+:\\d+)").matcher(up);
      assertTrue(m.find(), up);
      String base = m.group(1);

      HttpResponse<String> ok = post(base + "/factor", "[12, 97, \"9223372036854775807\", 1000000016000000063]");
      assertEquals(200, ok.statusCode(), ok.body());
      assertEquals("[[2,2,3],[97],[7,7,73,127,337,92737,649657],[1000000007,1000000009]]", ok.body());
      assertTrue(ok.headers().firstValue("X-Trace-Id").isPresent());

      // Any size, as GNU factor: beyond a long, in and out as JSON integers with every digit (or strings in).
      HttpResponse<String> anySize =
          post(base + "/factor", "[0, 1, 18446744073709551617, \"340282366920938463463374607431768211457\"]");
      assertEquals(200, anySize.statusCode(), anySize.body());
      assertEquals("[[],[],[274177,67280421310721],[59649589127497217,5704689200685129054721]]", anySize.body());

      StringBuilder many = new StringBuilder("[");
      for (int n = 2; n <= 5001; n++) {
        many.append(n == 2 ? "" : ",").append(n);
      }
      HttpResponse<String> inOrder = post(base + "/factor", many.append("]").toString());
      assertEquals(200, inOrder.statusCode());
      assertTrue(inOrder.body().startsWith("[[2],[3],[2,2],[5],[2,3],[7],[2,2,2],[3,3],"), inOrder.body().substring(0, 80));
      assertTrue(inOrder.body().endsWith(",[2,2,2,5,5,5,5],[3,1667]]"));

      for (String[] bad : new String[][] {
        {"[12, \"abc\"]", "item 1: 'abc' is not a positive integer"},
        {"[12, -1]", "item 1: '-1' is not a positive integer"},
        {"[2.5]", "item 0: 2.5 is not an integer"},
        {"{\"numbers\": [12]}", "the body must be a JSON list of numbers, such as [12, 15]"},
      }) {
        HttpResponse<String> r = post(base + "/factor", bad[0]);
        assertEquals(400, r.statusCode(), bad[0] + ": " + r.body());
        assertEquals("{\"error\":\"" + bad[1].replace("\"", "\\\"") + "\"}", r.body());
      }
      HttpResponse<String> notJson = post(base + "/factor", "[12,");
      assertEquals(400, notJson.statusCode());
      assertTrue(notJson.body().startsWith("{\"error\":\"the body is not JSON"), notJson.body());

      StringBuilder tooMany = new StringBuilder("[2");
      tooMany.append(",2".repeat(100_000));
      HttpResponse<String> big = post(base + "/factor", tooMany.append("]").toString());
      assertEquals(413, big.statusCode(), big.body());
      assertTrue(big.body().startsWith("{\"error\":"), big.body());

      String huge = "[" + "9223372036854775807,".repeat(60_000) + "2]";
      HttpResponse<String> tooBig = post(base + "/factor", huge);
      assertEquals(413, tooBig.statusCode());
      assertTrue(tooBig.body().startsWith("{\"error\":"), tooBig.body());
    } finally {
      p.destroy();
      Deli.finish(p, 60);
    }
  }
}

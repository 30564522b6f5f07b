package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The one path from flags to config, and the one wording of a bad value, with a command of its own. */
class OptionsTest {
  private static final Options OPTIONS =
      Options.of(
          "deli.t",
          Setting.integer("limit", 0, 100).flags("-m", "--limit"),
          Setting.value("query-timeout").flags("--timeout"),
          Setting.list("names").flags("--names").fromFlag(f -> List.of(((String) f).split(","))),
          Setting.bool("footman").flags("--no-footman").fromFlag(f -> !(Boolean) f),
          Setting.integer("seed").flags("--seed"),
          Setting.integer("batch", 1, 10).cliOnly(),
          Setting.text("root").flags("DIR"));

  private static final Config FILE = ConfigFactory.parseString("deli.t { limit = 0, query-timeout = 30s, names = [a], footman = true, batch = 1 }");

  @Command(name = "t")
  static final class T {
    @Spec CommandSpec spec;

    @Option(names = {"-m", "--limit"})
    Integer limit;

    @Option(names = "--timeout", converter = Cli.DurationConverter.class)
    Duration timeout;

    @Option(names = "--names")
    String names;

    @Option(names = "--no-footman")
    boolean noFootman;

    @Option(names = "--seed")
    Long seed;

    @Option(names = "--quiet")
    boolean quiet;

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "DIR")
    String root;
  }

  private static CommandSpec parsed(String... args) {
    T t = new T();
    new CommandLine(t).parseArgs(args);
    return t.spec;
  }

  private record S(int limit, Duration timeout, List<String> names, boolean footman) {
    static S from(Config c) {
      Duration timeout = Settings.duration(c, "query-timeout");
      if (timeout.isZero()) {
        throw new IllegalArgumentException("query-timeout must be more than 0");
      }
      return new S(c.getInt("limit"), timeout, c.getStringList("names"), c.getBoolean("footman"));
    }
  }

  private static S read(CommandSpec spec) {
    Config config = ConfigFactory.parseMap(OPTIONS.overrides(spec)).withFallback(FILE);
    return OPTIONS.settings(spec, config, S::from);
  }

  @Test
  void theFlagsTypedBecomeConfigPathsInConfigsOwnWritingAndTheOthersAreLeftToConfig() {
    Map<String, Object> o = OPTIONS.overrides(parsed("-m", "3", "--timeout", "1500ms", "--names", "x,y", "--no-footman", "--quiet"));
    assertEquals(Map.of("deli.t.limit", 3, "deli.t.query-timeout", "1.5s", "deli.t.names", List.of("x", "y"), "deli.t.footman", false), o);
    assertEquals(new S(3, Duration.ofMillis(1500), List.of("x", "y"), false), read(parsed("-m", "3", "--timeout", "1500ms", "--names", "x,y", "--no-footman")));
    assertEquals(new S(0, Duration.ofSeconds(30), List.of("a"), true), read(parsed()));
  }

  @Test
  void aFlagPastItsBoundIsNamedAsTheUserTypedIt() {
    assertEquals("-m must be 0 to 100, not 101", assertThrows(ParameterException.class, () -> OPTIONS.overrides(parsed("-m", "101"))).getMessage());
    assertEquals("--limit must be 0 to 100, not -1", assertThrows(ParameterException.class, () -> OPTIONS.overrides(parsed("--limit=-1"))).getMessage());
  }

  @Test
  void theSettingsRecordsMessageNamesTheFlagTypedOrElseTheConfigPath() {
    assertEquals(
        "--timeout must be more than 0",
        assertThrows(ParameterException.class, () -> read(parsed("--timeout", "0"))).getMessage());
    CommandSpec none = parsed();
    Config zero = ConfigFactory.parseString("deli.t.query-timeout = 0").withFallback(FILE);
    assertEquals(
        "deli.t.query-timeout must be more than 0",
        assertThrows(ParameterException.class, () -> OPTIONS.settings(none, zero, S::from)).getMessage());
    Config typo = ConfigFactory.parseString("deli.t.limit = lots").withFallback(FILE);
    assertEquals(
        "deli.t.limit must be an integer, not 'lots'",
        assertThrows(ParameterException.class, () -> OPTIONS.settings(none, typo, S::from)).getMessage());
  }

  @Test
  void aConversionsProblemFollowsTheFlag() {
    Options strict =
        Options.of("deli.t", Setting.list("names").flags("--names").fromFlag(f -> {
          throw new IllegalArgumentException("names must not be empty");
        }));
    assertEquals("--names must not be empty", assertThrows(ParameterException.class, () -> strict.overrides(parsed("--names", ""))).getMessage());
    assertEquals("-m must be 1 to 256, not 0", OPTIONS.usage(parsed("-m", "0"), "limit", "must be 1 to 256, not 0").getMessage());
    assertEquals("deli.t.seed: odd", OPTIONS.usage(parsed(), "seed", "odd").getMessage());
  }

  @Test
  void aBodyMayHoldOnlyTheSettingsDeclaredForIt() {
    assertEquals(Set.of("limit", "query-timeout", "names", "footman", "seed", "root"), OPTIONS.bodyKeys());
  }

  @Test
  void numbersOnTheCommandLineAreWordedAsEveryOtherBadValue() {
    assertEquals("must be an integer, not 'abc'", assertThrows(CommandLine.TypeConversionException.class, () -> Cli.parseLong("abc")).getMessage());
    assertEquals(
        "must be -2,147,483,648 to 2,147,483,647, not 99999999999",
        assertThrows(CommandLine.TypeConversionException.class, () -> Cli.parseInt("99999999999")).getMessage());
    assertEquals("must be a number, not 'NaN'", assertThrows(CommandLine.TypeConversionException.class, () -> Cli.parseDouble("NaN")).getMessage());
    assertEquals(0.5, Cli.parseDouble("0.5"));
    assertEquals(7, Cli.parseInt(" 7"));
  }

  @Test
  void aKeyDeclaredTwiceIsAMistakeInTheDeclaration() {
    assertThrows(IllegalArgumentException.class, () -> Options.of("x", Setting.bool("a"), Setting.text("a")));
    assertThrows(IllegalArgumentException.class, () -> new Setting("a", List.of(), Setting.Kind.TEXT, Bounds.of(0, 1), true, v -> v));
  }

  @Test
  void aPositionalParameterIsDeclaredByItsLabel() {
    assertEquals(Map.of("deli.t.root", "/srv", "deli.t.limit", 2), OPTIONS.overrides(parsed("/srv", "-m", "2")));
  }
}

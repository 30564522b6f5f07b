package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(
        "must be -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807, not 99999999999999999999",
        assertThrows(CommandLine.TypeConversionException.class, () -> Cli.parseLong("99999999999999999999")).getMessage());
    assertEquals("must be a number, not 'NaN'", assertThrows(CommandLine.TypeConversionException.class, () -> Cli.parseDouble("NaN")).getMessage());
    assertEquals(0.5, Cli.parseDouble("0.5"));
    assertEquals(7, Cli.parseInt(" 7"));
  }

  /** A command whose flags are all declared settings. */
  @Command(name = "d", mixinStandardHelpOptions = true, sortOptions = false)
  static final class D implements Runnable {
    static final Options DECLARED =
        Options.of(
            "deli.d",
            Setting.integer("count", 0, 10).flags("-n", "--count").help("N", "How many (0 to 10)."),
            Setting.duration("pause").flags("--pause").help("DURATION", "How long."),
            Setting.range("eat").flags("--eat").help("RANGE", "Eating."),
            Setting.bool("loud").flags("--loud").help("Shout."),
            Setting.list("tags").flags("--tag").more(b -> b.splitRegex(",")).help("TAG", "Tags."),
            Setting.text("hidden").flags("--hidden"));

    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin Flags flags = new Flags(DECLARED);
    final java.util.List<Object> seen = new java.util.ArrayList<>();

    @Override
    public void run() {
      seen.add(DECLARED.overrides(spec));
      seen.add(flags.given("pause"));
      seen.add(flags.given("loud"));
    }
  }

  @Test
  void declaredSettingsBecomeTheCommandsFlagsInTheirOrderWithHelpAndVersionLast() {
    CommandLine cli = Cli.commandLine(D.class);
    assertEquals(
        List.of("--count", "--pause", "--eat", "--loud", "--tag", "--help", "--version"),
        cli.getCommandSpec().options().stream().map(CommandLine.Model.OptionSpec::longestName).toList());
    String help = cli.getUsageMessage();
    assertTrue(help.matches("(?s).*-n, --count=N +How many \\(0 to 10\\)\\..*"), help);
    String list = help.substring(help.indexOf("-n, --count"));
    assertTrue(list.indexOf("--loud") < list.indexOf("--help"), help);
    assertTrue(help.contains("--pause=DURATION"), help);
    assertTrue(help.contains("--tag=TAG[,TAG...]"), help);
    assertTrue(help.contains("      --loud"), help);
  }

  @Test
  void aDeclaredFlagIsTypedCheckedAndMappedOntoItsConfigPath() {
    CommandLine cli = Cli.commandLine(D.class);
    java.io.StringWriter err = new java.io.StringWriter();
    cli.setErr(new java.io.PrintWriter(err));
    assertEquals(0, cli.execute("--count", "3", "--pause", "1.5s", "--eat", "1s..2s", "--loud", "--tag", "a,b"));
    D d = cli.getCommand();
    assertEquals(
        Map.of("deli.d.count", 3L, "deli.d.pause", "1.5s", "deli.d.eat", "1s..2s", "deli.d.loud", true, "deli.d.tags", List.of("a", "b")),
        d.seen.get(0));
    assertEquals(java.util.Optional.of(Duration.ofMillis(1500)), d.seen.get(1));
    assertEquals(java.util.Optional.of(true), d.seen.get(2));
    CommandLine off = Cli.commandLine(D.class);
    assertEquals(0, off.execute("--loud=false"));
    assertEquals(java.util.Optional.of(false), off.<D>getCommand().seen.get(2));

    D quiet = Cli.commandLine(D.class).<D>getCommand();
    CommandLine again = Cli.commandLine(D.class);
    assertEquals(0, again.execute());
    assertEquals(java.util.Optional.empty(), again.<D>getCommand().seen.get(1));
    assertTrue(quiet.seen.isEmpty());

    CommandLine bad = Cli.commandLine(D.class);
    bad.setErr(new java.io.PrintWriter(err));
    bad.registerConverter(Long.class, Cli::parseLong);
    assertEquals(2, bad.execute("--pause", "1x"));
    assertTrue(err.toString().contains("'1x' is not a duration"), err.toString());
    CommandLine big = Cli.commandLine(D.class);
    big.registerConverter(Long.class, Cli::parseLong);
    ParameterException e = assertThrows(ParameterException.class, () -> {
      big.parseArgs("-n", "99999999999");
      D.DECLARED.overrides(big.getCommandSpec());
    });
    assertEquals("-n must be 0 to 10, not 99999999999", e.getMessage());
    assertThrows(CommandLine.UnmatchedArgumentException.class, () -> Cli.commandLine(D.class).parseArgs("--hidden", "x"));
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

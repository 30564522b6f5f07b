package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tokenizer on its own, against answers CPython 3.11 gave for the same sources (written down
 * here, so no Python is needed to run it): the token stream of {@code tokenize} (comments and
 * blank-line newlines dropped, as CPython's C tokenizer drops them; a lone {@code \r} ends a line
 * as in the C tokenizer, and a NAME is NFKC-normalised as the parser normalises it), and the error
 * {@code compile()} raises, with its type, wording and line.
 */
class PythonTokenizerTest {
  private static final String[] KINDS = {"EOF", "NAME", "NUMBER", "STRING", "OP", "NEWLINE", "INDENT", "DEDENT"};

  /**
   * Each token as "line KIND text" (NEWLINE and INDENT without text, DEDENT and EOF bare), with the
   * operator code, the bytes flag and the non-ASCII flag checked against the token's text.
   */
  static String tokens(byte[] source) throws PythonSyntaxError {
    PythonSource.Decoded decoded = PythonSource.decode(source);
    PythonTokenizer t = new PythonTokenizer(decoded);
    List<String> out = new ArrayList<>();
    for (; ; ) {
      int k = t.next();
      assertEquals(k, t.kind);
      String text = new String(decoded.bytes(), t.start, t.end - t.start, StandardCharsets.UTF_8);
      switch (k) {
        case PythonTokenizer.NAME -> {
          assertEquals(!text.chars().allMatch(c -> c < 0x80), t.nonAscii, text);
          out.add(t.tokenLine + " NAME " + t.name());
        }
        case PythonTokenizer.NUMBER -> out.add(t.tokenLine + " NUMBER " + text);
        case PythonTokenizer.STRING -> {
          String prefix = text.split("[\'\"]", 2)[0];
          assertEquals(prefix.toLowerCase().contains("b"), t.bytesLiteral, text);
          out.add(t.tokenLine + " STRING " + text);
        }
        case PythonTokenizer.OP -> {
          int op =
              switch (text) {
                case "..." -> PythonTokenizer.ELLIPSIS;
                case ":=" -> PythonTokenizer.COLONEQ;
                case "->" -> PythonTokenizer.ARROW;
                default -> text.length() == 1 ? text.charAt(0) : PythonTokenizer.OTHER_OP;
              };
          assertEquals(op, t.op, text);
          out.add(t.tokenLine + " OP " + text);
        }
        case PythonTokenizer.NEWLINE, PythonTokenizer.INDENT -> out.add(t.tokenLine + " " + KINDS[k]);
        default -> out.add(KINDS[k]);
      }
      if (k == PythonTokenizer.EOF) {
        return String.join(", ", out);
      }
    }
  }

  static String tokens(String source) throws PythonSyntaxError {
    return tokens(source.getBytes(StandardCharsets.UTF_8));
  }

  static PythonSyntaxError refused(byte[] source) {
    return assertThrows(PythonSyntaxError.class, () -> ImportScanner.scan(source, false));
  }

  static String reason(String source) {
    return refused(source.getBytes(StandardCharsets.UTF_8)).reason();
  }

  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        for (int x : (int[]) part) {
          out.write(x);
        }
      }
    }
    return out.toByteArray();
  }

  static Stream<Arguments> validSources() {
    return Stream.of(
        arguments("a = b + c\n", "1 NAME a, 1 OP =, 1 NAME b, 1 OP +, 1 NAME c, 1 NEWLINE, EOF"),
        arguments("x **= 2; y //= 3; z >>= 1; w <<= 4\n", "1 NAME x, 1 OP **=, 1 NUMBER 2, 1 OP ;, 1 NAME y, 1 OP //=, 1 NUMBER 3, 1 OP ;, 1 NAME z, 1 OP >>=, 1 NUMBER 1, 1 OP ;, 1 NAME w, 1 OP <<=, 1 NUMBER 4, 1 NEWLINE, EOF"),
        arguments("a ** b // c >> d << e\n", "1 NAME a, 1 OP **, 1 NAME b, 1 OP //, 1 NAME c, 1 OP >>, 1 NAME d, 1 OP <<, 1 NAME e, 1 NEWLINE, EOF"),
        arguments("a += 1; a -= 1; a *= 1; a /= 1; a %= 1; a &= 1; a |= 1; a ^= 1; a @= m\n", "1 NAME a, 1 OP +=, 1 NUMBER 1, 1 OP ;, 1 NAME a, 1 OP -=, 1 NUMBER 1, 1 OP ;, 1 NAME a, 1 OP *=, 1 NUMBER 1, 1 OP ;, 1 NAME a, 1 OP /=, 1 NUMBER 1, 1 OP ;, 1 NAME a, 1 OP %=, 1 NUMBER 1, 1 OP ;, 1 NAME a, 1 OP &=, 1 NUMBER 1, 1 OP ;, 1 NAME a, 1 OP |=, 1 NUMBER 1, 1 OP ;, 1 NAME a, 1 OP ^=, 1 NUMBER 1, 1 OP ;, 1 NAME a, 1 OP @=, 1 NAME m, 1 NEWLINE, EOF"),
        arguments("a == b != c <= d >= e < f > g\n", "1 NAME a, 1 OP ==, 1 NAME b, 1 OP !=, 1 NAME c, 1 OP <=, 1 NAME d, 1 OP >=, 1 NAME e, 1 OP <, 1 NAME f, 1 OP >, 1 NAME g, 1 NEWLINE, EOF"),
        arguments("def f(x) -> int: return (y := x) ~ 1\n", "1 NAME def, 1 NAME f, 1 OP (, 1 NAME x, 1 OP ), 1 OP ->, 1 NAME int, 1 OP :, 1 NAME return, 1 OP (, 1 NAME y, 1 OP :=, 1 NAME x, 1 OP ), 1 OP ~, 1 NUMBER 1, 1 NEWLINE, EOF"),
        arguments("x = [1, 2]; y = {3: 4}; z = a.b @ c ... d\n", "1 NAME x, 1 OP =, 1 OP [, 1 NUMBER 1, 1 OP ,, 1 NUMBER 2, 1 OP ], 1 OP ;, 1 NAME y, 1 OP =, 1 OP {, 1 NUMBER 3, 1 OP :, 1 NUMBER 4, 1 OP }, 1 OP ;, 1 NAME z, 1 OP =, 1 NAME a, 1 OP ., 1 NAME b, 1 OP @, 1 NAME c, 1 OP ..., 1 NAME d, 1 NEWLINE, EOF"),
        arguments("x = ...\n", "1 NAME x, 1 OP =, 1 OP ..., 1 NEWLINE, EOF"),
        arguments("x = a..b\n", "1 NAME x, 1 OP =, 1 NAME a, 1 OP ., 1 OP ., 1 NAME b, 1 NEWLINE, EOF"),
        arguments("x = 0 if a else 1\n", "1 NAME x, 1 OP =, 1 NUMBER 0, 1 NAME if, 1 NAME a, 1 NAME else, 1 NUMBER 1, 1 NEWLINE, EOF"),
        arguments("x = 0x1f + 0XAB + 0o17 + 0O7 + 0b101 + 0B1 + 0x_f_f + 0o_1_2 + 0b_1_0\n", "1 NAME x, 1 OP =, 1 NUMBER 0x1f, 1 OP +, 1 NUMBER 0XAB, 1 OP +, 1 NUMBER 0o17, 1 OP +, 1 NUMBER 0O7, 1 OP +, 1 NUMBER 0b101, 1 OP +, 1 NUMBER 0B1, 1 OP +, 1 NUMBER 0x_f_f, 1 OP +, 1 NUMBER 0o_1_2, 1 OP +, 1 NUMBER 0b_1_0, 1 NEWLINE, EOF"),
        arguments("x = 1_000 + 12 + 0 + 00 + 0_0 + 1.5 + .5 + 5. + 1e10 + 1E-5 + 1e+5 + 2j + 2.5J + 1e5j + 0e0 + 0.0 + 00.5 + 007.5 + 00e1 + 09j\n", "1 NAME x, 1 OP =, 1 NUMBER 1_000, 1 OP +, 1 NUMBER 12, 1 OP +, 1 NUMBER 0, 1 OP +, 1 NUMBER 00, 1 OP +, 1 NUMBER 0_0, 1 OP +, 1 NUMBER 1.5, 1 OP +, 1 NUMBER .5, 1 OP +, 1 NUMBER 5., 1 OP +, 1 NUMBER 1e10, 1 OP +, 1 NUMBER 1E-5, 1 OP +, 1 NUMBER 1e+5, 1 OP +, 1 NUMBER 2j, 1 OP +, 1 NUMBER 2.5J, 1 OP +, 1 NUMBER 1e5j, 1 OP +, 1 NUMBER 0e0, 1 OP +, 1 NUMBER 0.0, 1 OP +, 1 NUMBER 00.5, 1 OP +, 1 NUMBER 007.5, 1 OP +, 1 NUMBER 00e1, 1 OP +, 1 NUMBER 09j, 1 NEWLINE, EOF"),
        arguments("x = 1_0.2_0e1_0j\n", "1 NAME x, 1 OP =, 1 NUMBER 1_0.2_0e1_0j, 1 NEWLINE, EOF"),
        arguments("x = 1if y else 2\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NAME if, 1 NAME y, 1 NAME else, 1 NUMBER 2, 1 NEWLINE, EOF"),
        arguments("x = [1for y in z]\n", "1 NAME x, 1 OP =, 1 OP [, 1 NUMBER 1, 1 NAME for, 1 NAME y, 1 NAME in, 1 NAME z, 1 OP ], 1 NEWLINE, EOF"),
        arguments("x = 1or 2\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NAME or, 1 NUMBER 2, 1 NEWLINE, EOF"),
        arguments("x = 1and 2\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NAME and, 1 NUMBER 2, 1 NEWLINE, EOF"),
        arguments("x = 0x1for y in z\n", "1 NAME x, 1 OP =, 1 NUMBER 0x1f, 1 NAME or, 1 NAME y, 1 NAME in, 1 NAME z, 1 NEWLINE, EOF"),
        arguments("x = 1in y\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NAME in, 1 NAME y, 1 NEWLINE, EOF"),
        arguments("x = 1is y\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NAME is, 1 NAME y, 1 NEWLINE, EOF"),
        arguments("x = 1not in y\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NAME not, 1 NAME in, 1 NAME y, 1 NEWLINE, EOF"),
        arguments("x = 1.5if y else 2\n", "1 NAME x, 1 OP =, 1 NUMBER 1.5, 1 NAME if, 1 NAME y, 1 NAME else, 1 NUMBER 2, 1 NEWLINE, EOF"),
        arguments("x = 1e5if y else 2\n", "1 NAME x, 1 OP =, 1 NUMBER 1e5, 1 NAME if, 1 NAME y, 1 NAME else, 1 NUMBER 2, 1 NEWLINE, EOF"),
        arguments("x = 1jif y else 2\n", "1 NAME x, 1 OP =, 1 NUMBER 1j, 1 NAME if, 1 NAME y, 1 NAME else, 1 NUMBER 2, 1 NEWLINE, EOF"),
        arguments("x = 0if y else 0b1if z else 0o7if w else 1\n", "1 NAME x, 1 OP =, 1 NUMBER 0, 1 NAME if, 1 NAME y, 1 NAME else, 1 NUMBER 0b1, 1 NAME if, 1 NAME z, 1 NAME else, 1 NUMBER 0o7, 1 NAME if, 1 NAME w, 1 NAME else, 1 NUMBER 1, 1 NEWLINE, EOF"),
        arguments("x = 1 if y else 2.if z else 3\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NAME if, 1 NAME y, 1 NAME else, 1 NUMBER 2., 1 NAME if, 1 NAME z, 1 NAME else, 1 NUMBER 3, 1 NEWLINE, EOF"),
        arguments("s = 'a' \"b\" '''c''' \"\"\"d\"\"\"\n", "1 NAME s, 1 OP =, 1 STRING 'a', 1 STRING \"b\", 1 STRING '''c''', 1 STRING \"\"\"d\"\"\", 1 NEWLINE, EOF"),
        arguments("s = r'\\d' R'x' b'y' B'y' u'z' U'z' f'{w}' F'w' br'a' Br'a' bR'a' BR'a' rb'a' rB'a' Rb'a' RB'a' fr'a' Fr'a' rf'a' RF'a'\n", "1 NAME s, 1 OP =, 1 STRING r'\\d', 1 STRING R'x', 1 STRING b'y', 1 STRING B'y', 1 STRING u'z', 1 STRING U'z', 1 STRING f'{w}', 1 STRING F'w', 1 STRING br'a', 1 STRING Br'a', 1 STRING bR'a', 1 STRING BR'a', 1 STRING rb'a', 1 STRING rB'a', 1 STRING Rb'a', 1 STRING RB'a', 1 STRING fr'a', 1 STRING Fr'a', 1 STRING rf'a', 1 STRING RF'a', 1 NEWLINE, EOF"),
        arguments("s = 'it''s' \"it's\" 'say \"hi\"'\n", "1 NAME s, 1 OP =, 1 STRING 'it', 1 STRING 's', 1 STRING \"it's\", 1 STRING 'say \"hi\"', 1 NEWLINE, EOF"),
        arguments("s = '''a\nb''' + x\ny = 1\n", "1 NAME s, 1 OP =, 1 STRING '''a\nb''', 2 OP +, 2 NAME x, 2 NEWLINE, 3 NAME y, 3 OP =, 3 NUMBER 1, 3 NEWLINE, EOF"),
        arguments("s = \"\"\"a\"b\"\"c\"\"\"\n", "1 NAME s, 1 OP =, 1 STRING \"\"\"a\"b\"\"c\"\"\", 1 NEWLINE, EOF"),
        arguments("s = 'a\\\nb'\ny\n", "1 NAME s, 1 OP =, 1 STRING 'a\\\nb', 2 NEWLINE, 3 NAME y, 3 NEWLINE, EOF"),
        arguments("s = 'a\\'b' \"\\\"\" '\\\\'\n", "1 NAME s, 1 OP =, 1 STRING 'a\\'b', 1 STRING \"\\\"\", 1 STRING '\\\\', 1 NEWLINE, EOF"),
        arguments("s = '\\x41\\u00e9\\U0001F600\\N{BULLET}\\n\\t\\q'\n", "1 NAME s, 1 OP =, 1 STRING '\\x41\\u00e9\\U0001F600\\N{BULLET}\\n\\t\\q', 1 NEWLINE, EOF"),
        arguments("s = b'\\x41\\u00e9\\N{x}\\q'\n", "1 NAME s, 1 OP =, 1 STRING b'\\x41\\u00e9\\N{x}\\q', 1 NEWLINE, EOF"),
        arguments("s = r'\\x' rb'\\x' r'\\N' r'\\u12'\n", "1 NAME s, 1 OP =, 1 STRING r'\\x', 1 STRING rb'\\x', 1 STRING r'\\N', 1 STRING r'\\u12', 1 NEWLINE, EOF"),
        arguments("s = 'caf\u00e9 \u20ac \ud83d\ude00'\n", "1 NAME s, 1 OP =, 1 STRING 'caf\u00e9 \u20ac \ud83d\ude00', 1 NEWLINE, EOF"),
        arguments("s = '\\\u00e9'\n", "1 NAME s, 1 OP =, 1 STRING '\\\u00e9', 1 NEWLINE, EOF"),
        arguments("s = '''\\\u00e9'''\n", "1 NAME s, 1 OP =, 1 STRING '''\\\u00e9''', 1 NEWLINE, EOF"),
        arguments("caf\u00e9 = \u00e9t\u00e9 + \ufb01x\n", "1 NAME caf\u00e9, 1 OP =, 1 NAME \u00e9t\u00e9, 1 OP +, 1 NAME fix, 1 NEWLINE, EOF"),
        arguments("_\u00e9 = \u03c0\n", "1 NAME _\u00e9, 1 OP =, 1 NAME \u03c0, 1 NEWLINE, EOF"),
        arguments("rx = ub + bu + fb + rr + bb + ff + rbx + \u00e9r\n", "1 NAME rx, 1 OP =, 1 NAME ub, 1 OP +, 1 NAME bu, 1 OP +, 1 NAME fb, 1 OP +, 1 NAME rr, 1 OP +, 1 NAME bb, 1 OP +, 1 NAME ff, 1 OP +, 1 NAME rbx, 1 OP +, 1 NAME \u00e9r, 1 NEWLINE, EOF"),
        arguments("if a:\n    b\n    if c:\n        d\n    e\nf\n", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME b, 2 NEWLINE, 3 NAME if, 3 NAME c, 3 OP :, 3 NEWLINE, 4 INDENT, 4 NAME d, 4 NEWLINE, DEDENT, 5 NAME e, 5 NEWLINE, DEDENT, 6 NAME f, 6 NEWLINE, EOF"),
        arguments("if a:\n    if b:\n        c\nd\n", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME if, 2 NAME b, 2 OP :, 2 NEWLINE, 3 INDENT, 3 NAME c, 3 NEWLINE, DEDENT, DEDENT, 4 NAME d, 4 NEWLINE, EOF"),
        arguments("if a:\n    if b:\n        c\n", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME if, 2 NAME b, 2 OP :, 2 NEWLINE, 3 INDENT, 3 NAME c, 3 NEWLINE, DEDENT, DEDENT, EOF"),
        arguments("if a:\n\tb\n", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME b, 2 NEWLINE, DEDENT, EOF"),
        arguments("if a:\n\tb\n\tif c:\n\t\td\n", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME b, 2 NEWLINE, 3 NAME if, 3 NAME c, 3 OP :, 3 NEWLINE, 4 INDENT, 4 NAME d, 4 NEWLINE, DEDENT, DEDENT, EOF"),
        arguments("if a:\n  \tb\n", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME b, 2 NEWLINE, DEDENT, EOF"),
        arguments("if a:\n\f    b\n", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME b, 2 NEWLINE, DEDENT, EOF"),
        arguments("if a:\n    b\n\n    \n  # c\n    d\n", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME b, 2 NEWLINE, 6 NAME d, 6 NEWLINE, DEDENT, EOF"),
        arguments("x = (1,\n  2)\n", "1 NAME x, 1 OP =, 1 OP (, 1 NUMBER 1, 1 OP ,, 2 NUMBER 2, 2 OP ), 2 NEWLINE, EOF"),
        arguments("x = [\n1\n]\n", "1 NAME x, 1 OP =, 1 OP [, 2 NUMBER 1, 3 OP ], 3 NEWLINE, EOF"),
        arguments("x = {\n}\n", "1 NAME x, 1 OP =, 1 OP {, 2 OP }, 2 NEWLINE, EOF"),
        arguments("x = 1 + \\\n  2\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 OP +, 2 NUMBER 2, 2 NEWLINE, EOF"),
        arguments("x = 1 \\\r\n + 2\r\ny = 3\r\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 2 OP +, 2 NUMBER 2, 2 NEWLINE, 3 NAME y, 3 OP =, 3 NUMBER 3, 3 NEWLINE, EOF"),
        arguments("x = 1\ry = 2\r", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NEWLINE, 2 NAME y, 2 OP =, 2 NUMBER 2, 2 NEWLINE, EOF"),
        arguments("x = '''a\r\nb'''\r\n", "1 NAME x, 1 OP =, 1 STRING '''a\r\nb''', 2 NEWLINE, EOF"),
        arguments("x = '''a\rb'''\r", "1 NAME x, 1 OP =, 1 STRING '''a\rb''', 2 NEWLINE, EOF"),
        arguments("x = 'a\\\r\nb'\n", "1 NAME x, 1 OP =, 1 STRING 'a\\\r\nb', 2 NEWLINE, EOF"),
        arguments("x = 'a\\\rb'\n", "1 NAME x, 1 OP =, 1 STRING 'a\\\rb', 2 NEWLINE, EOF"),
        arguments("# only a comment\n", "EOF"),
        arguments("x = 1 # comment\ny\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NEWLINE, 2 NAME y, 2 NEWLINE, EOF"),
        arguments("x = 1", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NEWLINE, EOF"),
        arguments("if a:\n    b", "1 NAME if, 1 NAME a, 1 OP :, 1 NEWLINE, 2 INDENT, 2 NAME b, 2 NEWLINE, DEDENT, EOF"),
        arguments("", "EOF"),
        arguments("\n\n", "EOF"),
        arguments("   \n", "EOF"),
        arguments("x = 1\n  ", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NEWLINE, EOF"),
        arguments("x\n# c", "1 NAME x, 1 NEWLINE, EOF"),
        arguments("x = a!=b\n", "1 NAME x, 1 OP =, 1 NAME a, 1 OP !=, 1 NAME b, 1 NEWLINE, EOF"),
        arguments("f(*a, **k); g[1:2, ::3]; h = {**d}; a@b; ~c\n", "1 NAME f, 1 OP (, 1 OP *, 1 NAME a, 1 OP ,, 1 OP **, 1 NAME k, 1 OP ), 1 OP ;, 1 NAME g, 1 OP [, 1 NUMBER 1, 1 OP :, 1 NUMBER 2, 1 OP ,, 1 OP :, 1 OP :, 1 NUMBER 3, 1 OP ], 1 OP ;, 1 NAME h, 1 OP =, 1 OP {, 1 OP **, 1 NAME d, 1 OP }, 1 OP ;, 1 NAME a, 1 OP @, 1 NAME b, 1 OP ;, 1 OP ~, 1 NAME c, 1 NEWLINE, EOF"),
        arguments("x = a;b,c\n", "1 NAME x, 1 OP =, 1 NAME a, 1 OP ;, 1 NAME b, 1 OP ,, 1 NAME c, 1 NEWLINE, EOF"),
        arguments("x = 1\n\n\ny = 2\n", "1 NAME x, 1 OP =, 1 NUMBER 1, 1 NEWLINE, 4 NAME y, 4 OP =, 4 NUMBER 2, 4 NEWLINE, EOF"),
        arguments("@d\ndef f(): pass\n", "1 OP @, 1 NAME d, 1 NEWLINE, 2 NAME def, 2 NAME f, 2 OP (, 2 OP ), 2 OP :, 2 NAME pass, 2 NEWLINE, EOF"),
        arguments("x = 'a' if b else\\\n 'c'\n", "1 NAME x, 1 OP =, 1 STRING 'a', 1 NAME if, 1 NAME b, 1 NAME else, 2 STRING 'c', 2 NEWLINE, EOF"));
  }

  @ParameterizedTest
  @MethodSource("validSources")
  void validSourceGivesTheTokensCPythonGives(String source, String expected) throws Exception {
    assertEquals(expected, tokens(source));
  }

  static Stream<Arguments> invalidSources() {
    // CPython also names the position of a bad escape inside the literal; deli leaves it out.
    // A bad escape in a literal that is never closed is, for CPython, an unterminated literal
    // (its tokenizer runs before the escapes are decoded); deli names the escape. Both refuse it.
    return Stream.of(
        arguments("x = '\\N{'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape (line 1)"),
        arguments("x = 'a\\\nb\n", "SyntaxError: unterminated string literal (detected at line 2) (line 1)"),
        arguments("x = 'a\\\nb\\\nc\n", "SyntaxError: unterminated string literal (detected at line 3) (line 1)"),
        arguments("x = 'a\\\nb", "SyntaxError: unterminated string literal (detected at line 2) (line 1)"),
        arguments("x = 'a\\\r\n", "SyntaxError: unterminated string literal (detected at line 2) (line 1)"),
        arguments("x = 'a\\\r\nb\r\n", "SyntaxError: unterminated string literal (detected at line 2) (line 1)"),
        arguments("x = '''a\r\n\r\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 3) (line 1)"),
        arguments("x = '''a\n\r\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 3) (line 1)"),
        arguments("(\\\r\n", "SyntaxError: '(' was never closed (line 1)"),
        arguments("x = !a\n", "SyntaxError: invalid syntax (line 1)"),
        arguments("x = a $ b\n", "SyntaxError: invalid syntax (line 1)"),
        arguments("x = a ? b\n", "SyntaxError: invalid syntax (line 1)"),
        arguments("x = `a`\n", "SyntaxError: invalid syntax (line 1)"),
        arguments("x = \u0001\n", "SyntaxError: invalid non-printable character U+0001 (line 1)"),
        arguments("x = a <> b\n", "SyntaxError: invalid syntax (line 1)"),
        arguments("if a:\n    b\n  c\n", "IndentationError: unindent does not match any outer indentation level (line 3)"),
        arguments("if a:\n        b\n\tc\n", "TabError: inconsistent use of tabs and spaces in indentation (line 3)"),
        arguments("if a:\n\tb\n\t        c\n", "IndentationError: unexpected indent (line 3)"),
        arguments("if a:\n        b\n        if c:\n\t\t\td\n", "TabError: inconsistent use of tabs and spaces in indentation (line 4)"),
        arguments("if a:\n\tif b:\n\t\tc\n        d\n", "TabError: inconsistent use of tabs and spaces in indentation (line 4)"),
        arguments("if a:\n    if b:\n\tc\n", "TabError: inconsistent use of tabs and spaces in indentation (line 3)"),
        arguments("if a:\n\tb\n    c\n", "IndentationError: unindent does not match any outer indentation level (line 3)"),
        arguments("  x\n", "IndentationError: unexpected indent (line 1)"),
        arguments("x = (1,\n2\n", "SyntaxError: '(' was never closed (line 1)"),
        arguments("x = [(\n", "SyntaxError: '(' was never closed (line 1)"),
        arguments("x = {\n\n", "SyntaxError: '{' was never closed (line 1)"),
        arguments("f(a[1)\n", "SyntaxError: closing parenthesis ')' does not match opening parenthesis '[' (line 1)"),
        arguments("f(a[1\n)\n", "SyntaxError: closing parenthesis ')' does not match opening parenthesis '[' on line 1 (line 2)"),
        arguments("x = )\n", "SyntaxError: unmatched ')' (line 1)"),
        arguments("x = ]\n", "SyntaxError: unmatched ']' (line 1)"),
        arguments("x = }\n", "SyntaxError: unmatched '}' (line 1)"),
        arguments("x = (]\n", "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' (line 1)"),
        arguments("x = [}\n", "SyntaxError: closing parenthesis '}' does not match opening parenthesis '[' (line 1)"),
        arguments("x = {)\n", "SyntaxError: closing parenthesis ')' does not match opening parenthesis '{' (line 1)"),
        arguments("x = 1 \\", "SyntaxError: unexpected EOF while parsing (line 1)"),
        arguments("x = 1 \\\n", "SyntaxError: unexpected EOF while parsing (line 1)"),
        arguments("x = 1 \\ 2\n", "SyntaxError: unexpected character after line continuation character (line 1)"),
        arguments("\\x\n", "SyntaxError: unexpected character after line continuation character (line 1)"),
        arguments("x = \u20ac\n", "SyntaxError: invalid character '\u20ac' (U+20AC) (line 1)"),
        arguments("x = \u200b\n", "SyntaxError: invalid non-printable character U+200B (line 1)"),
        arguments("x = \u00b7a\n", "SyntaxError: invalid character '\u00b7' (U+00B7) (line 1)"),
        arguments("x = a\u2028\n", "SyntaxError: invalid non-printable character U+2028 (line 1)"),
        arguments("x = b'\u00e9'\n", "SyntaxError: bytes can only contain ASCII literal characters (line 1)"),
        arguments("x = b'\\\u00e9'\n", "SyntaxError: bytes can only contain ASCII literal characters (line 1)"),
        arguments("x = b'''\u00e9'''\n", "SyntaxError: bytes can only contain ASCII literal characters (line 1)"),
        arguments("x = 'abc\n", "SyntaxError: unterminated string literal (detected at line 1) (line 1)"),
        arguments("x = 'abc", "SyntaxError: unterminated string literal (detected at line 1) (line 1)"),
        arguments("x = '''abc\n\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 2) (line 1)"),
        arguments("x = '''abc", "SyntaxError: unterminated triple-quoted string literal (detected at line 1) (line 1)"),
        arguments("x = 'a\\", "SyntaxError: unterminated string literal (detected at line 1) (line 1)"),
        arguments("x = '''a\\", "SyntaxError: unterminated triple-quoted string literal (detected at line 1) (line 1)"),
        arguments("x = \"abc\ny\n", "SyntaxError: unterminated string literal (detected at line 1) (line 1)"),
        arguments("x = 1\ny = 'a\nz\n", "SyntaxError: unterminated string literal (detected at line 2) (line 2)"),
        arguments("x = '''\n'''\ny = \"\"\"\n\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 4) (line 3)"),
        arguments("x = 'a\\\n", "SyntaxError: unterminated string literal (detected at line 1) (line 1)"),
        arguments("x = '''a\r\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 2) (line 1)"),
        arguments("x = '''a\r", "SyntaxError: unterminated triple-quoted string literal (detected at line 1) (line 1)"),
        arguments("x = '\\x4'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape (line 1)"),
        arguments("x = '\\x4g'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape (line 1)"),
        arguments("x = b'\\x4g'\n", "SyntaxError: (value error) invalid \\x escape (line 1)"),
        arguments("x = b'\\x'\n", "SyntaxError: (value error) invalid \\x escape (line 1)"),
        arguments("x = b'\\xg0'\n", "SyntaxError: (value error) invalid \\x escape (line 1)"),
        arguments("x = '\\u12'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: truncated \\uXXXX escape (line 1)"),
        arguments("x = '\\u12g4'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: truncated \\uXXXX escape (line 1)"),
        arguments("x = '\\U1234'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: truncated \\UXXXXXXXX escape (line 1)"),
        arguments("x = '\\U0011FFFF'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character (line 1)"),
        arguments("x = '\\U00110000'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character (line 1)"),
        arguments("x = '\\U1234567g'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: truncated \\UXXXXXXXX escape (line 1)"),
        arguments("x = '\\N'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape (line 1)"),
        arguments("x = '\\N{}'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape (line 1)"),
        arguments("x = '\\Nx'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape (line 1)"),
        arguments("x = '\\N{abc'\n", "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape (line 1)"),
        arguments("x = 0x\n", "SyntaxError: invalid hexadecimal literal (line 1)"),
        arguments("x = 0xg\n", "SyntaxError: invalid hexadecimal literal (line 1)"),
        arguments("x = 0x1g\n", "SyntaxError: invalid hexadecimal literal (line 1)"),
        arguments("x = 0x_\n", "SyntaxError: invalid hexadecimal literal (line 1)"),
        arguments("x = 0x1_\n", "SyntaxError: invalid hexadecimal literal (line 1)"),
        arguments("x = 0x1__2\n", "SyntaxError: invalid hexadecimal literal (line 1)"),
        arguments("x = 0b2\n", "SyntaxError: invalid digit '2' in binary literal (line 1)"),
        arguments("x = 0b12\n", "SyntaxError: invalid digit '2' in binary literal (line 1)"),
        arguments("x = 0b1_2\n", "SyntaxError: invalid digit '2' in binary literal (line 1)"),
        arguments("x = 0b\n", "SyntaxError: invalid binary literal (line 1)"),
        arguments("x = 0b1a\n", "SyntaxError: invalid binary literal (line 1)"),
        arguments("x = 0b_\n", "SyntaxError: invalid binary literal (line 1)"),
        arguments("x = 0o8\n", "SyntaxError: invalid digit '8' in octal literal (line 1)"),
        arguments("x = 0o78\n", "SyntaxError: invalid digit '8' in octal literal (line 1)"),
        arguments("x = 0o\n", "SyntaxError: invalid octal literal (line 1)"),
        arguments("x = 0o1_8\n", "SyntaxError: invalid digit '8' in octal literal (line 1)"),
        arguments("x = 0o7x\n", "SyntaxError: invalid octal literal (line 1)"),
        arguments("x = 0_\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 0_a\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 00_\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 0__0\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1__0\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1_\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1_a\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 0777\n", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (line 1)"),
        arguments("x = 09\n", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (line 1)"),
        arguments("x = 00_1\n", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (line 1)"),
        arguments("x = 0_7\n", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (line 1)"),
        arguments("x = 1abc\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1an\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1el\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1fo\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1o\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1n\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1no\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1i\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1x\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1e\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1e+\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1e-x\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1e5_\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1e5x\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1e_5\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1jx\n", "SyntaxError: invalid imaginary literal (line 1)"),
        arguments("x = 1.5x\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1.e\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1._0\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1.0_\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = .5x\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1.5e5jx\n", "SyntaxError: invalid imaginary literal (line 1)"),
        arguments("x = 0jx\n", "SyntaxError: invalid imaginary literal (line 1)"),
        arguments("x = 0.x\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 1.0e5j_\n", "SyntaxError: invalid imaginary literal (line 1)"),
        arguments("x = 0e\n", "SyntaxError: invalid decimal literal (line 1)"),
        arguments("x = 0e+\n", "SyntaxError: invalid decimal literal (line 1)"));
  }

  @ParameterizedTest
  @MethodSource("invalidSources")
  void invalidSourceIsRefusedAsCPythonRefusesIt(String source, String expected) {
    assertEquals(expected, reason(source));
  }

  @Test
  void aBackslashBeforeTheLastCrLfContinuesOntoABlankLineAsInCPython() throws Exception {
    // CPython's translate_newlines ends a source whose last line ends in \r\n with one more \n,
    // so a backslash there is not at the end of the file; before \n or a lone \r it is.
    assertEquals("1 NAME x, 1 OP =, 1 NUMBER 1, 2 NEWLINE, EOF", tokens("x = 1 \\\r\n"));
    assertEquals("1 NAME x, 1 OP =, 1 NUMBER 1, 2 NEWLINE, EOF", tokens("x = 1 \\\r\n\r\n"));
    assertEquals(Set.of("a"), ImportScanner.scan("import a \\\r\n".getBytes(StandardCharsets.UTF_8), false).modules());
    assertEquals("SyntaxError: unexpected EOF while parsing (line 1)", reason("x = 1 \\\r"));
  }

  @Test
  void utf8IsHeldToPythonsStrictRulesInNamesAndInStrings() throws Exception {
    // Each accepted by CPython: the first and last sequences of a lead byte's range.
    for (byte[] ok :
        List.of(
            bytes(new int[] {0xE0, 0xA0, 0x80}, " = 1\n"),
            bytes(new int[] {0xF0, 0x90, 0x80, 0x80}, " = 1\n"),
            bytes("s = '", new int[] {0xE0, 0xA0, 0x80}, "'\n"),
            bytes("s = '", new int[] {0xED, 0x9F, 0xBF}, "'\n"),
            bytes("s = '", new int[] {0xF0, 0x90, 0x80, 0x80}, "'\n"),
            bytes("s = '", new int[] {0xF4, 0x8F, 0xBF, 0xBF}, "'\n"),
            bytes("s = '", new int[] {0xC2, 0x80}, "'\n"),
            bytes("s = '", new int[] {0xDF, 0xBF}, "'\n"))) {
      assertEquals(Set.of(), ImportScanner.scan(ok, false).modules(), new String(ok, StandardCharsets.ISO_8859_1));
    }
    // Well-formed, but not characters a name may hold.
    assertEquals("SyntaxError: invalid non-printable character U+D7FF (line 1)", refused(bytes("x", new int[] {0xED, 0x9F, 0xBF}, " = 1\n")).reason());
    assertEquals("SyntaxError: invalid non-printable character U+10FFFF (line 1)", refused(bytes("x", new int[] {0xF4, 0x8F, 0xBF, 0xBF}, " = 1\n")).reason());
    assertEquals("SyntaxError: invalid non-printable character U+0080 (line 1)", refused(bytes("x", new int[] {0xC2, 0x80}, " = 1\n")).reason());
    // Refused by CPython's codec, which names the lead byte when it is the one at fault.
    for (int[] lead :
        List.of(
            new int[] {0xE0, 0x9F, 0xBF}, new int[] {0xED, 0xA0, 0x80}, new int[] {0xF0, 0x8F, 0xBF, 0xBF}, new int[] {0xF4, 0x90, 0x80, 0x80},
            new int[] {0xF5, 0x80, 0x80, 0x80}, new int[] {0xC1, 0xBF}, new int[] {0x80}, new int[] {0xBF}, new int[] {0xFF})) {
      String expected = String.format("SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0x%02x (line 1)", lead[0]);
      assertEquals(expected, refused(bytes("x", lead, " = 1\n")).reason());
      assertEquals(expected, refused(bytes("s = '", lead, "'\n")).reason());
      assertEquals(expected, refused(bytes("s = '''\\", lead, "'''\n")).reason());
      assertEquals(PythonSyntaxError.Kind.DECODE, refused(bytes("s = '", lead, "'\n")).kind());
    }
    // A sequence cut short, or with a bad continuation byte after the second.
    for (int[] cut :
        List.of(new int[] {0xE2, 0x82}, new int[] {0xE2, 0x82, 0x41}, new int[] {0xE2, 0x82, 0xC0}, new int[] {0xF0, 0x90, 0x80}, new int[] {0xF0, 0x90, 0x80, 0x7F})) {
      assertEquals(PythonSyntaxError.Kind.DECODE, refused(bytes("x", cut, " = 1\n")).kind());
    }
    assertEquals(PythonSyntaxError.Kind.DECODE, refused(bytes("x", new int[] {0xC3})).kind());
    assertEquals(PythonSyntaxError.Kind.DECODE, refused(bytes("s = '", new int[] {0xF0, 0x90, 0x80, 0xC0}, "'\n")).kind());
  }

  @Test
  void aDeclaredEncodingIsDecodedFirstSoItsStringsAreNotCheckedAgain() throws Exception {
    byte[] latin1 = "# coding: latin-1\ns = 'caf\u00e9 \u00ff'\nimport caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(Set.of("caf\u00e9"), ImportScanner.scan(latin1, false).modules());
    assertEquals("2 NAME s, 2 OP =, 2 STRING 'caf\u00e9 \u00ff', 2 NEWLINE, 3 NAME import, 3 NAME caf\u00e9, 3 NEWLINE, EOF", tokens(latin1));
  }

  @Test
  void theCallerSeesEachTokensWordDepthAndLine() throws Exception {
    PythonTokenizer t = new PythonTokenizer(PythonSource.decode("import os.path as p\nf(a, [b\n, c])\n".getBytes(StandardCharsets.UTF_8)));
    t.next();
    assertEquals(true, t.is("import"));
    assertEquals(false, t.is("impor"));
    assertEquals(false, t.is("importx"));
    assertEquals(false, t.is("export"));
    assertEquals(PythonNames.keyword("import".getBytes(StandardCharsets.US_ASCII), 0, 6), t.keyword);
    t.next();
    int from = t.start;
    t.next();
    t.next();
    assertEquals("os.path", t.ascii(from, t.end));
    assertEquals(PythonNames.special("path".getBytes(StandardCharsets.US_ASCII), 0, 4), t.special());
    t.next(); // as
    t.next(); // p
    t.next(); // NEWLINE
    assertEquals(2, t.line());
    t.next(); // f
    t.next(); // (
    assertEquals(1, t.depth());
    t.next(); // a
    t.next(); // ,
    t.next(); // [
    assertEquals(2, t.depth());
    t.next(); // b
    t.next(); // , on the next line
    assertEquals(3, t.line());
    assertEquals(3, t.tokenLine);
    t.next(); // c
    t.next(); // ]
    assertEquals(1, t.depth());
    t.next(); // )
    assertEquals(0, t.depth());
    assertEquals(PythonTokenizer.NEWLINE, t.next());
    assertEquals(PythonTokenizer.EOF, t.next());
  }

  @Test
  void aTokenCutOffByTheEndOfTheSourceIsReadAsCPythonReadsIt() throws Exception {
    // Tokenizer only (CPython's tokenize): no newline after the last token, so every look-ahead
    // stops at the end of the bytes.
    assertEquals("1 NAME x, 1 OP ., 1 NEWLINE, EOF", tokens("x."));
    assertEquals("1 NAME x, 1 OP ., 1 OP ., 1 NEWLINE, EOF", tokens("x.."));
    assertEquals("1 NAME x, 1 OP +, 1 NEWLINE, EOF", tokens("x +"));
    assertEquals("1 NAME x, 1 OP =, 1 STRING '', 1 NEWLINE, EOF", tokens("x = ''"));
    assertEquals("1 NUMBER 1, 1 NAME else, 1 NEWLINE, EOF", tokens("1else"));
    assertEquals("SyntaxError: invalid syntax (line 1)", reason("x !"));
    assertEquals("SyntaxError: unterminated string literal (detected at line 1) (line 1)", reason("x = '"));
    assertEquals("SyntaxError: unterminated triple-quoted string literal (detected at line 1) (line 1)", reason("x = '''a''"));
    assertEquals("SyntaxError: unterminated triple-quoted string literal (detected at line 1) (line 1)", reason("x = '''a\\\r"));
    assertEquals("SyntaxError: unterminated triple-quoted string literal (detected at line 2) (line 1)", reason("x = '''a\\\r\n"));
    assertEquals("SyntaxError: unterminated string literal (detected at line 1) (line 1)", reason("'"));
    assertEquals("SyntaxError: unterminated string literal (detected at line 1) (line 1)", reason("x = '\\x41"));
    assertEquals("1 NAME s, 1 OP =, 1 STRING '\\U0010FFFF', 1 NEWLINE, EOF", tokens("s = '\\U0010FFFF'"));
  }

  @Test
  void aNameThatIsNotAStringPrefixIsANameBeforeAString() throws Exception {
    assertEquals(
        "1 NAME rr, 1 STRING 'a', 1 NAME bb, 1 STRING 'a', 1 NAME fb, 1 STRING 'a', 1 NAME bf, 1 STRING 'a', 1 NAME ff, 1 STRING 'a',"
            + " 1 NAME ur, 1 STRING 'a', 1 NAME xu, 1 STRING 'a', 1 NAME uu, 1 STRING 'a', 1 NEWLINE, EOF",
        tokens("rr'a' bb'a' fb'a' bf'a' ff'a' ur'a' xu'a' uu'a'"));
  }
}

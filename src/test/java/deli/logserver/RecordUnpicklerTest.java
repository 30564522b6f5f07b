package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.python.PyObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordUnpickler} on pickles CPython made, kept as hex in
 * {@code logserver/cpython-pickles.txt} with the Python line that made each and CPython's
 * {@code json.dumps(pickle.loads(...), default=str)} of it (make_pickles.py beside it writes
 * the file): every opcode a record's pickle uses, in every protocol, without a python3 process
 * per run, so that mutation testing can afford them.
 */
class RecordUnpicklerTest {
  private record Case(String python, byte[] pickle, String json) {}

  private static List<Case> cases() throws IOException {
    try (InputStream in = RecordUnpicklerTest.class.getResourceAsStream("/logserver/cpython-pickles.txt")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      List<Case> cases = new ArrayList<>();
      for (int i = 0; i + 2 < lines.size(); i += 4) {
        cases.add(new Case(lines.get(i).substring(2), HexFormat.of().parseHex(lines.get(i + 1)), lines.get(i + 2)));
      }
      return cases;
    }
  }

  private static Chunk decode(byte[] pickle) {
    return new RecordDecoder(new JsonLines()).decode(List.of(ByteString.fromArray(LogServerTest.frame(pickle))), null);
  }

  @Test
  void everyPickleCPythonMadeIsWrittenAsItsJsonDumps() throws IOException {
    List<Case> cases = cases();
    assertEquals(28, cases.size(), "the cases file was read whole");
    for (Case c : cases) {
      Chunk chunk = decode(c.pickle());
      assertNull(chunk.error(), () -> c.python() + ": " + chunk.error().getMessage());
      assertEquals(c.json() + "\n", new String(chunk.bytes(), StandardCharsets.US_ASCII), c.python());
    }
  }

  /** Pickles read one after another by one unpickler (as a connection's are) share nothing. */
  @Test
  void eachPickleStartsWithAnEmptyMemoAndNoSharing() throws IOException {
    RecordUnpickler u = new RecordUnpickler();
    byte[] shared = pickle("}q\u0000(X\u0001\u0000\u0000\u0000a]q\u0001X\u0001\u0000\u0000\u0000bh\u0001u.");
    Map<?, ?> first = (Map<?, ?>) u.read(shared, 0, shared.length);
    assertTrue(u.sharesObjects(), "a memo get refers to the list twice");
    assertEquals(List.of("a", "b"), List.copyOf(first.keySet()));
    byte[] plain = pickle("}X\u0001\u0000\u0000\u0000aK\u0001s.");
    assertEquals(Map.of("a", 1), u.read(plain, 0, plain.length));
    assertFalse(u.sharesObjects(), "the last pickle shares nothing");
    byte[] dup = pickle("(X\u0001\u0000\u0000\u0000a2d.");
    assertEquals(Map.of("a", "a"), u.read(dup, 0, dup.length));
    assertTrue(u.sharesObjects(), "DUP refers to its object twice");
    byte[] stale = pickle("}X\u0001\u0000\u0000\u0000ah\u0001s.");
    IOException e = assertThrows(IOException.class, () -> u.read(stale, 0, stale.length));
    assertEquals("Memo value not found at index 1", e.getMessage(), "the memo of an earlier pickle is gone");
    // Memo 3 put by one pickle, and memo 5 by the next, which then asks for 3: it has none.
    byte[] puts = pickle("}K\u0001q\u0003K\u0002q\u00050.");
    u.read(puts, 0, puts.length);
    byte[] below = pickle("}K\u0001q\u0005X\u0001\u0000\u0000\u0000ah\u0003s.");
    assertEquals("Memo value not found at index 3", assertThrows(IOException.class, () -> u.read(below, 0, below.length)).getMessage());
    // A pickle that fails halfway leaves nothing on the stack for the next one.
    byte[] half = pickle("K\u0001K\u0002");
    assertEquals("pickle data was truncated", assertThrows(IOException.class, () -> u.read(half, 0, half.length)).getMessage());
    byte[] stop = pickle(".");
    assertEquals("the pickle pops an empty stack", assertThrows(RuntimeException.class, () -> u.read(stop, 0, stop.length)).getMessage());
    byte[] markOnly = pickle("(K\u0001");
    assertThrows(IOException.class, () -> u.read(markOnly, 0, markOnly.length));
    byte[] noMark = pickle("}K\u0001K\u0002u.");
    assertEquals("the pickle has no mark on its stack", assertThrows(RuntimeException.class, () -> u.read(noMark, 0, noMark.length)).getMessage());
  }

  /** Memo 0 and the memo's last slot are memo entries like any other. */
  @Test
  void theFirstAndTheLastSlotOfTheMemoAreReadBack() throws IOException {
    RecordUnpickler u = new RecordUnpickler();
    byte[] first = pickle("(K\u0001q\u0000h\u0000d.");
    assertEquals(Map.of(1, 1), u.read(first, 0, first.length));
    // 64 entries fill the memo's first array exactly; the 65th is asked for, never put.
    StringBuilder p = new StringBuilder("(");
    for (int i = 0; i < 64; i++) {
      p.append("K\u0001q").append((char) i);
    }
    byte[] full = pickle(p + "h\u0040d.");
    assertEquals("Memo value not found at index 64", assertThrows(IOException.class, () -> u.read(full, 0, full.length)).getMessage());
    // A first memo index far past the array's size (in a pickle large enough to hold that many).
    byte[] far = new byte[1010];
    java.util.Arrays.fill(far, (byte) 'N');
    byte[] tail = pickle("}r\u00e8\u0003\u0000\u0000X\u0001\u0000\u0000\u0000aj\u00e8\u0003\u0000\u0000s.");
    System.arraycopy(tail, 0, far, far.length - tail.length, tail.length);
    far[far.length - tail.length - 1] = '('; // the Nones before it go under a mark, and stay there
    Map<?, ?> m = (Map<?, ?>) u.read(far, 0, far.length);
    assertEquals(List.of("a"), List.copyOf(m.keySet()));
    assertTrue(m.get("a") == m, "memo 1000 is the dict itself");
  }

  /** A DICT or SETITEMS with a key and no value: CPython refuses "odd number of items". */
  @Test
  void aKeyWithoutAValueIsRefusedAsCPythonRefusesIt() {
    for (String p : new String[] {"(K\u0001d.", "(K\u0001K\u0002K\u0003d.", "}(K\u0001u.", "}(K\u0001K\u0002K\u0003u."}) {
      Chunk c = decode(pickle(p));
      assertEquals(BadInput.Reason.NOT_PICKLE, c.error().reason(), p);
      assertTrue(c.error().getMessage().endsWith("odd number of items for " + (p.endsWith("d.") ? "DICT" : "SETITEMS")), c.error().getMessage());
    }
  }

  /** INT's text may have 4300 digits, as CPython's int() may, after its sign; not one more. */
  @Test
  void anIntOfPythonsDigitLimitIsKeptAndOneDigitMoreIsRefused() {
    for (String digits : new String[] {"9".repeat(4300), "-" + "9".repeat(4300), "1" + "0".repeat(4299)}) {
      Chunk c = decode(pickle("(dS'i'\nI" + digits + "\ns."));
      assertNull(c.error(), () -> c.error().getMessage());
      assertEquals(1, c.lines());
    }
    for (String digits : new String[] {"9".repeat(4301), "-" + "9".repeat(4301), "1" + "0".repeat(4300)}) {
      Chunk c = decode(pickle("(dS'i'\nI" + digits + "\ns."));
      assertEquals(BadInput.Reason.NOT_PICKLE, c.error().reason(), digits.substring(0, 2));
      assertTrue(c.error().getMessage().endsWith("an int of more than 4300 digits, which Python refuses"), c.error().getMessage());
    }
  }

  /** A byte no opcode has is refused as such, not as the end of the data. */
  @Test
  void aZeroByteIsAnUnknownOpcodeNotTheEnd() {
    RecordUnpickler u = new RecordUnpickler();
    byte[] zero = {0};
    Exception e = assertThrows(Exception.class, () -> u.read(zero, 0, 1));
    assertFalse(e.getMessage().contains("truncated"), e.getMessage());
  }

  /** A memo index no pickle of this size could reach is refused before any memo grows to it. */
  @Test
  void aMemoIndexMayReachTheFramesSizeAndNoFurther() throws IOException {
    RecordUnpickler u = new RecordUnpickler();
    // LONG_BINPUT 7, then 8, in a 7-byte pickle read from the start of its array.
    byte[] at = pickle("}r\u0007\u0000\u0000\u0000.");
    assertEquals(Map.of(), u.read(at, 0, at.length));
    byte[] past = pickle("}r\u0008\u0000\u0000\u0000.");
    IOException e = assertThrows(IOException.class, () -> u.read(past, 0, past.length));
    assertEquals("memo index 8 is out of range", e.getMessage());
    // The same pickle after a 4-byte header: the bound is where the frame ends in its array.
    byte[] framed = LogServerTest.frame(past);
    assertEquals(Map.of(), u.read(framed, 4, framed.length));
    // A memo far beyond its first 64 slots, put and got back: the array grows.
    StringBuilder p = new StringBuilder("(");
    for (int i = 0; i < 200; i++) {
      p.append("K").append((char) (i % 100)).append("r").append((char) (i + 50)).append("\u0000\u0000\u0000");
    }
    p.append("j").append((char) 249).append("\u0000\u0000\u0000");
    p.append("j").append((char) 50).append("\u0000\u0000\u0000");
    p.append("d.");
    byte[] many = pickle(p.toString());
    Map<?, ?> m = (Map<?, ?>) u.read(many, 0, many.length);
    assertEquals(51, m.size(), "50 even ints as keys, then 99");
    assertEquals(0, m.get(99), "the last pair: memo 249 holds 99 (the 200th int), memo 50 holds 0 (the first)");
  }

  /** Negative indexes from the text opcodes (PUT and GET) are refused, not read from the end. */
  @Test
  void aNegativeTextMemoIndexIsRefused() {
    RecordUnpickler u = new RecordUnpickler();
    byte[] put = pickle("}p-1\n.");
    assertEquals("memo index -1 is out of range", assertThrows(IOException.class, () -> u.read(put, 0, put.length)).getMessage());
    byte[] get = pickle("}p0\ng-1\n.");
    assertEquals("Memo value not found at index -1", assertThrows(IOException.class, () -> u.read(get, 0, get.length)).getMessage());
  }

  /** BINSTRING, BINBYTES and friends check their length prefix against the frame first. */
  @Test
  void everyLengthPrefixedOpcodeIsCheckedAgainstTheFrame() {
    for (String p : new String[] {
        "T\u0005\u0000\u0000\u0000ab.", "B\u0005\u0000\u0000\u0000ab.", "\u008b\u0005\u0000\u0000\u0000ab.",
        "\u008e\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000ab.", "\u0096\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000ab.",
        "\u008c\u0005ab.", "\u008d\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000ab.", "X\u0005\u0000\u0000\u0000ab."}) {
      Chunk c = decode(pickle(p));
      assertEquals(BadInput.Reason.NOT_PICKLE, c.error().reason(), p);
      assertTrue(c.error().getMessage().contains("pickle data was truncated (a length of 5 bytes)"), p + ": " + c.error().getMessage());
    }
  }

  /** Calls and builds no record's pickle makes: refused, saying what the pickle did. */
  @Test
  void aCallNoRecordMakesIsRefusedSayingWhatItCalls() {
    String[][] cases = {
      {"(dS'a'\nK\u0001)Rs.", "NOT_PICKLE", "the pickle calls something that is not a class or function"},
      {"(dS'a'\nK\u0001)\u0081s.", "NOT_PICKLE", "NEWOBJ of something that is not a class"},
      {"(dS'a'\nK\u0001(dS'x'\nK\u0001sbs.", "NOT_PICKLE", "BUILD on an int"},
      {"(dS'a'\n](dS'x'\nK\u0001sbs.", "NOT_PICKLE", "BUILD on a list"},
      {"(dS'a'\ncbuiltins\nset\nK\u0001Rs.", "NOT_PICKLE", "the arguments of a call are not a tuple"},
      {"(dS'a'\nccopyreg\n_reconstructor\n(K\u0001c__builtin__\nobject\nNtRs.", "NOT_PICKLE", "_reconstructor of something that is not a class"},
      {"(dS'a'\nc_codecs\nencode\n(Vx\nVutf-8\ntRs.", "NOT_PICKLE", "bytes from anything but latin-1 text"},
      {"(dS'a'\nc_codecs\nencode\n(K\u0001Vlatin1\ntRs.", "NOT_PICKLE", "bytes from anything but latin-1 text"},
      {"(dS'a'\nc_codecs\nencode\n(Vx\nVlatin1\nVx\ntRs.", "NOT_PICKLE", "bytes from anything but latin-1 text"},
      {"(dS'a'\nccollections\ndeque\n(]Vx\ntRs.", "NOT_PICKLE", "a deque's maxlen is not an int"},
      {"(dS'a'\ncos\nsystem\n(Vx\ntRs.", "UNSAFE", "the pickle calls os.system, which a log record never does"},
      {"(dS'a'\n(Vx\nios\nsystem\ns.", "UNSAFE", "the pickle calls os.system, which a log record never does"},
      {"(dS'a'\n(cbuiltins\neval\nVx\nos.", "UNSAFE", "the pickle calls builtins.eval, which a log record never does"},
      {"(dS'a'\nc__builtin__\neval\n(Vx\ntRs.", "UNSAFE", "the pickle calls builtins.eval, which a log record never does"},
    };
    for (String[] c : cases) {
      Chunk chunk = decode(pickle(c[0]));
      assertEquals(BadInput.Reason.valueOf(c[1]), chunk.error().reason(), c[0]);
      assertTrue(chunk.error().getMessage().contains(c[2]), c[0] + ": " + chunk.error().getMessage());
      assertEquals(0, chunk.lines());
    }
  }

  @Test
  void pythonTwosNamesAreReadAsPythonThreesAndNoOtherModulesAre() {
    assertEquals(new PyObjects.Global("builtins", "chr"), PickleTypes.global("__builtin__", "unichr"));
    assertEquals(new PyObjects.Global("builtins", "int"), PickleTypes.global("__builtin__", "long"));
    assertEquals(new PyObjects.Global("builtins", "range"), PickleTypes.global("builtins", "xrange"));
    assertEquals(new PyObjects.Global("builtins", "len"), PickleTypes.global("builtins", "len"));
    assertEquals(new PyObjects.Global("copyreg", "_reconstructor"), PickleTypes.global("copy_reg", "_reconstructor"));
    assertEquals(new PyObjects.Global("app", "long"), PickleTypes.global("app", "long"), "only builtins' names change");
  }

  /** A path's parts may add up to PATH_MAX many times over, but not past a mebichar. */
  @Test
  void aPathOfExactlyTheLimitIsKeptAndOneCharacterMoreIsTooLarge() {
    for (int extra = 0; extra <= 1; extra++) {
      String last = "b".repeat(1 + extra);
      byte[] head = pickle("(dS'p'\ncpathlib\nPurePosixPath\n(X");
      int n = PickleTypes.MAX_PATH_CHARS - 1;
      byte[] p = new byte[head.length + 4 + n + 5 + last.length() + 4];
      System.arraycopy(head, 0, p, 0, head.length);
      int at = head.length;
      p[at++] = (byte) n;
      p[at++] = (byte) (n >> 8);
      p[at++] = (byte) (n >> 16);
      p[at++] = 0;
      java.util.Arrays.fill(p, at, at + n, (byte) 'a');
      at += n;
      p[at++] = 'X';
      p[at++] = (byte) last.length();
      at += 3;
      for (char ch : last.toCharArray()) {
        p[at++] = (byte) ch;
      }
      System.arraycopy(pickle("tRs."), 0, p, at, 4);
      Chunk c = decode(p);
      if (extra == 0) {
        assertNull(c.error(), () -> c.error().getMessage());
        assertEquals(PickleTypes.MAX_PATH_CHARS + 11, c.bytes().length, "{\"p\": \"aa...ab\"}\\n");
      } else {
        assertEquals(BadInput.Reason.TOO_LARGE, c.error().reason());
        assertTrue(c.error().getMessage().endsWith("a path of more than 1048576 characters"), c.error().getMessage());
      }
    }
  }

  private static byte[] pickle(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }
}

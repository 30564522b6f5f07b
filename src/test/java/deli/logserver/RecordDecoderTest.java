package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pickles from strangers: each bad one is refused with its reason, quickly and safely. */
class RecordDecoderTest {
  @TempDir Path dir;

  private static Chunk decode(byte[] payload) {
    return new RecordDecoder(new JsonLines()).decode(List.of(ByteString.fromArray(LogServerTest.frame(payload))), null);
  }

  private byte[] python(String expression) throws Exception {
    Path out = dir.resolve("payload.hex");
    Python.run(dir, "-c", "import pickle, sys\nopen(sys.argv[1], 'w').write((" + expression + ").hex())", out.toString());
    return HexFormat.of().parseHex(Files.readString(out).strip());
  }

  private static void refused(Chunk c, BadInput.Reason reason) {
    assertNotNull(c.error(), "refused");
    assertEquals(reason, c.error().reason(), c.error().getMessage());
    assertEquals(0, c.lines());
  }

  @Test
  void aLengthThatClaimsMoreThanTheFrameHoldsIsRefusedWithoutAllocatingIt() {
    // BINUNICODE claiming 2 GB in a 10-byte pickle: Pyrolite alone would allocate it first.
    byte[] p = {'}', '(', 'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'a', 'u', '.'};
    Chunk c = decode(p);
    refused(c, BadInput.Reason.NOT_PICKLE);
    assertTrue(c.error().getMessage().contains("truncated"), c.error().getMessage());
  }

  @Test
  void invalidUtf8IsNotAPickleAsForPython() {
    refused(decode(new byte[] {'X', 2, 0, 0, 0, (byte) 0xff, 'a', '.'}), BadInput.Reason.NOT_PICKLE);
  }

  @Test
  void anIntBeyondPythonsDigitLimitIsRefusedAsPythonRefusesIt() {
    byte[] p = ("(dVn\nL" + "7".repeat(5000) + "L\ns.").getBytes(StandardCharsets.US_ASCII);
    refused(decode(p), BadInput.Reason.NOT_PICKLE);
  }

  @Test
  void aRecordThatHoldsItselfOrNestsTooDeepIsRefusedNotAStackOverflow() throws Exception {
    refused(decode(python("(lambda l: (l.append(l), pickle.dumps({'l': l}, 2))[1])([])")), BadInput.Reason.TOO_DEEP);
    refused(
        decode(python("(__import__('sys').setrecursionlimit(10000), pickle.dumps({'deep': __import__('functools').reduce(lambda a, _: [a], range(700), [])}, 2))[1]")),
        BadInput.Reason.TOO_DEEP);
  }

  @Test
  void emptyAndTruncatedPicklesAreNotPickles() {
    refused(decode(new byte[0]), BadInput.Reason.NOT_PICKLE);
    refused(decode(new byte[] {'}', '(', 'X', 3, 0, 0, 0, 'a'}), BadInput.Reason.NOT_PICKLE);
  }

  @Test
  void valuesJsonCannotHoldAreKeptAsTheirReprInsteadOfLosingTheRecord() throws Exception {
    Chunk c = decode(python("pickle.dumps({'b': b'\\x00ab\\'', 'big': 7 ** 6000, 'k': {(1, 2): 'tuple key'}}, 2)"));
    assertNull(c.error());
    String line = new String(c.bytes(), StandardCharsets.US_ASCII);
    assertTrue(line.startsWith("{\"b\": \"b\\\"\\\\x00ab'\\\"\", \"big\": \"0x"), line);
    assertTrue(line.endsWith("\"k\": {\"(1, 2)\": \"tuple key\"}}\n"), line);
  }

  @Test
  void bytesAndDatetimesInExtraAsSocketHandlerPicklesThemAreKept() throws Exception {
    Chunk c = decode(python("pickle.dumps({'msg': 'x', 'raw': b'\\xffok', 'when': __import__('datetime').datetime(2026, 11, 24, 16, 21, 2)}, 1)"));
    assertNull(c.error(), () -> c.error().getMessage());
    String line = new String(c.bytes(), StandardCharsets.US_ASCII);
    assertTrue(line.startsWith("{\"msg\": \"x\", \"raw\": \"b'\\\\xffok'\", \"when\": \"2026-11-24 16:21:02\"}\n"), line);
  }

  @Test
  void goodRecordsBeforeABadOneAreKept() {
    RecordPickler pickler = new RecordPickler();
    byte[] good = pickler.frame(LogServerTest.record("a", "fine"));
    Chunk c =
        new RecordDecoder(new JsonLines())
            .decode(
                List.of(ByteString.fromArray(good), ByteString.fromArray(good), ByteString.fromArray(LogServerTest.frame(pickler.pickle(List.of(1))))),
                null);
    assertEquals(2, c.lines());
    assertEquals(BadInput.Reason.NOT_DICT, c.error().reason());
    assertTrue(c.error().getMessage().startsWith("record 3 of the connection is a pickle of a list"), c.error().getMessage());
  }

  @Test
  void anInstanceOfAClassDeliDoesNotKnowIsKeptByNameWithoutRunningItsCode() throws Exception {
    for (int protocol : new int[] {1, 2}) {
      Chunk c = decode(python("(__import__('sys').modules.__setitem__('app', type(__import__('sys'))('app')), __import__('sys').modules['app'].__setattr__('Foo', type('Foo', (), {'__module__': 'app'})), (lambda o: (o.__setattr__('x', 1), pickle.dumps({'o': o}, " + protocol + "))[1])(__import__('sys').modules['app'].Foo()))[2]"));
      assertNull(c.error(), () -> c.error().getMessage());
      assertEquals("{\"o\": \"<app.Foo object>\"}\n", new String(c.bytes(), StandardCharsets.US_ASCII), "protocol " + protocol);
    }
  }

  @Test
  void aPathOfOneSharedPartRepeatedPastAnyPathLengthIsTooLarge() throws Exception {
    refused(
        decode(python("(lambda s: pickle.dumps({'p': __import__('pathlib').PurePosixPath(*([s] * 2000))}, 1))('x' * 1000)")),
        BadInput.Reason.TOO_LARGE);
  }

  @Test
  void aPickleCallingAValueTypeDeliDoesNotKeepIsStillRefusedByName() throws Exception {
    Chunk c = decode(python("pickle.dumps({'f': __import__('fractions').Fraction(1, 3)}, 1)"));
    refused(c, BadInput.Reason.UNSAFE);
    assertTrue(c.error().getMessage().contains("fractions.Fraction"), c.error().getMessage());
  }

  @Test
  void aPickleSharingOneListManyTimesIsRefusedByItsSizeBeforeAnyOfItIsWritten() throws Exception {
    byte[] bomb = python("(lambda l: pickle.dumps({'msg': 'm', 'x': [[l] * 10] * 10}, 2))(['y' * 100] * 10)");
    Chunk c = new RecordDecoder(new JsonLines(), 64 * 1024).decode(List.of(ByteString.fromArray(LogServerTest.frame(bomb))), null);
    refused(c, BadInput.Reason.TOO_LARGE);
    assertTrue(
        c.error().getMessage().startsWith("record 1 of the connection: a pickle of " + bomb.length + " bytes would make a line of more than --max-record"),
        c.error().getMessage());
  }

  @Test
  void aLineOfExactlyMaxRecordBytesIsKeptAndOneByteMoreIsNot() {
    RecordPickler pickler = new RecordPickler();
    // {"m": "xx...x"} is 9 bytes around the x's; the bound counts the line without its newline.
    Chunk fits = new RecordDecoder(new JsonLines(), 1024).decode(List.of(ByteString.fromArray(pickler.frame(java.util.Map.of("m", "x".repeat(1015))))), null);
    assertNull(fits.error(), () -> fits.error().getMessage());
    assertEquals(1025, fits.bytes().length);
    Chunk over = new RecordDecoder(new JsonLines(), 1024).decode(List.of(ByteString.fromArray(pickler.frame(java.util.Map.of("m", "x".repeat(1016))))), null);
    refused(over, BadInput.Reason.TOO_LARGE);
    assertEquals(0, over.bytes().length, "nothing of the refused record is written");
    Chunk after = new RecordDecoder(new JsonLines(), 1024).decode(
        List.of(ByteString.fromArray(pickler.frame(java.util.Map.of("m", "a"))), ByteString.fromArray(pickler.frame(java.util.Map.of("m", "x".repeat(1016))))), null);
    assertEquals("{\"m\": \"a\"}\n", new String(after.bytes(), StandardCharsets.US_ASCII), "the good line only, none of the refused one");
  }

  @Test
  void aRecordThatIsNotADictIsNamedByItsPythonType() {
    assertEquals("None", RecordDecoder.pythonType(null));
    assertEquals("a str", RecordDecoder.pythonType("s"));
    assertEquals("an int", RecordDecoder.pythonType(1));
    assertEquals("an int", RecordDecoder.pythonType(1L));
    assertEquals("an int", RecordDecoder.pythonType(java.math.BigInteger.TEN));
    assertEquals("a float", RecordDecoder.pythonType(1.5));
    assertEquals("a bool", RecordDecoder.pythonType(true));
    assertEquals("a tuple", RecordDecoder.pythonType(new Object[0]));
    assertEquals("a set", RecordDecoder.pythonType(java.util.Set.of()));
    assertEquals("a list", RecordDecoder.pythonType(List.of()));
    assertEquals("bytes", RecordDecoder.pythonType(new byte[0]));
    assertEquals("a StringBuilder", RecordDecoder.pythonType(new StringBuilder()));
  }

  @Test
  void aDecoderGrowsItsBufferForALargerFrameAfterASmallOne() {
    RecordPickler pickler = new RecordPickler();
    RecordDecoder decoder = new RecordDecoder(new JsonLines());
    for (int size : new int[] {10, 100_000, 50, 300_000}) {
      Chunk c = decoder.decode(List.of(ByteString.fromArray(pickler.frame(java.util.Map.of("m", "x".repeat(size))))), null);
      assertNull(c.error());
      assertEquals(size + 10, c.bytes().length);
    }
    assertEquals(4, decoder.decoded());
  }

  private static Chunk decode(String latin1) {
    return decode(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Pickles no Python wrote, each breaking the stack machine a different way: refused, saying how. */
  @Test
  void aPickleThatBreaksTheStackMachineIsRefusedSayingHow() {
    String[][] cases = {
      {"0.", "the pickle pops an empty stack"},
      {".", "the pickle pops an empty stack"},
      {"(u.", "SETITEMS on something other than a dict"},
      {"](u.", "SETITEMS on something other than a dict"},
      {"d.", "the pickle has no mark on its stack"},
      {"(0d.", "the pickle has no mark on its stack"},
      {"]K\u0001K\u0002s.", "SETITEM on something other than a dict"},
      {"K\u0001K\u0002\u0093.", "STACK_GLOBAL of something other than two str"},
      {"(o.", "OBJ with nothing to call"},
      {"cbuiltins\nset\n)K\u0001\u0092.", "NEWOBJ_EX with keyword arguments"},
      {"cbuiltins\nset\n)}K\u0001K\u0002s\u0092.", "NEWOBJ_EX with keyword arguments"},
      {"](K\u0001\u0090.", "ADDITEMS on something other than a set"},
      {"h\u0005.", "Memo value not found at index 5"},
      {"K\u0001q\u0000h\u0001.", "Memo value not found at index 1"},
      {"K\u0001r\u00ff\u00ff\u00ff\u007f.", "memo index 2147483647 is out of range"},
      {"(dS'f'\nFabc\ns.", "could not convert string to float: 'abc'"},
    };
    for (String[] c : cases) {
      Chunk chunk = decode(c[0]);
      assertNotNull(chunk.error(), c[0]);
      assertEquals(BadInput.Reason.NOT_PICKLE, chunk.error().reason(), c[0]);
      assertTrue(chunk.error().getMessage().contains(c[1]), c[0] + ": " + chunk.error().getMessage());
    }
  }

  @Test
  void protocolZerosTextFloatsAndIntsAreReadAsPythonReadsThem() {
    // Python's json.dumps(pickle.loads(...)) of the same bytes.
    assertEquals("{\"a\": Infinity, \"b\": -Infinity, \"c\": NaN, \"d\": Infinity, \"e\": 0.5, \"i\": 12}\n",
        new String(decode("(dS'a'\nFinf\nsS'b'\nF-inf\nsS'c'\nFnan\nsS'd'\nF+Infinity\nsS'e'\nF0.5\nsS'i'\nI12\ns.").bytes(), StandardCharsets.US_ASCII));
    refused(decode("(dS'i'\nI" + "7".repeat(4400) + "\ns."), BadInput.Reason.NOT_PICKLE);
  }

  /** PickleProperties' counterexample: protocols 0 to 2 pickle b'' as a call of bytes(), which deli refused as unsafe. */
  @Test
  void anEmptyBytesValueIsKeptInEveryProtocol() throws Exception {
    for (int protocol = 0; protocol <= 5; protocol++) {
      Chunk c = decode(python("pickle.dumps({'b': b'', 'a': bytearray()}, " + protocol + ")"));
      assertNull(c.error(), () -> c.error().getMessage());
      assertEquals("{\"b\": \"b''\", \"a\": \"bytearray(b'')\"}\n", new String(c.bytes(), StandardCharsets.US_ASCII), "protocol " + protocol);
    }
  }
}

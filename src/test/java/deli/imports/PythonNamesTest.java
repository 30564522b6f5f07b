package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PythonNamesTest {
  private static final String SCRIPT =
      "import sys\n"
          + "out = []\n"
          + "for cp in range(0x110000):\n"
          + "    if 0xD800 <= cp <= 0xDFFF: continue\n"
          + "    s = chr(cp)\n"
          + "    out.append('%d %d %d %d' % (cp, s.isidentifier() and cp != 0x5F, ('a' + s).isidentifier(), s.isprintable()))\n"
          + "sys.stdout.write('\\n'.join(out))\n";

  @Test
  void identifierAndPrintableCharactersAreCPythonsForEveryCodePointJavaKnows() throws Exception {
    CPython.assume311(); // CPython 3.11 knows Unicode 14; later versions know later ones
    Process p = new ProcessBuilder("python3", "-c", SCRIPT).redirectErrorStream(true).start();
    List<String> differ = new ArrayList<>();
    int checked = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(" ");
        int cp = Integer.parseInt(f[0]);
        if (!Character.isDefined(cp)) {
          continue; // new in CPython's Unicode 14: Java 17 has Unicode 13
        }
        checked++;
        if (PythonNames.isXidStart(cp) != f[1].equals("1")
            || PythonNames.isXidContinue(cp) != f[2].equals("1")
            || PythonNames.isPrintable(cp) != f[3].equals("1")) {
          differ.add(Integer.toHexString(cp));
        }
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertTrue(checked > 200_000, "checked " + checked);
    assertEquals(List.of(), differ, "code points where deli and CPython disagree");
  }
}

package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import deli.core.DeliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZonesTest {
  @Test
  void theChaptersThirteenZonesAreChesapeakeBayFromAnz531ToAnz543() {
    assertEquals(13, Zones.CHESAPEAKE_BAY.size());
    for (int i = 0; i < 13; i++) {
      Zone z = Zones.CHESAPEAKE_BAY.get(i);
      assertEquals("ANZ" + (531 + i), z.code());
      assertEquals("073" + (531 + i), z.sameCode());
    }
    assertEquals("Chesapeake Bay from Pooles Island to Sandy Point, MD", Zones.CHESAPEAKE_BAY.get(0).name());
    assertEquals("https://example.org/an/anz531.txt", Zones.CHESAPEAKE_BAY.get(0).url("https://example.org/an"));
  }

  @Test
  void aZonesFileHasCodeOptionalSameCodeAndNameWithCommentsAndBlankLinesSkipped() {
    List<Zone> zones =
        Zones.parse(
            List.of(
                "# my zones",
                "",
                "anz531 073531 Chesapeake Bay from Pooles Island to Sandy Point, MD",
                "  PZZ530   San Pablo Bay, Suisun Bay, the West Delta and the San Francisco Bay north of the Bay Bridge",
                "GMZ335"));
    assertEquals(
        List.of(
            new Zone("Chesapeake Bay from Pooles Island to Sandy Point, MD", "ANZ531", "073531"),
            new Zone("San Pablo Bay, Suisun Bay, the West Delta and the San Francisco Bay north of the Bay Bridge", "PZZ530", ""),
            new Zone("GMZ335", "GMZ335", "")),
        zones);
  }

  @Test
  void theListedZonesReadBackAsTheSameZones() {
    assertEquals(Zones.CHESAPEAKE_BAY, Zones.parse(Zones.format(Zones.CHESAPEAKE_BAY)));
  }

  @Test
  void aBadLineIsNamedByItsNumber() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Zones.parse(List.of("ANZ531 x", "../etc/passwd Oops")));
    assertEquals(":2: '../etc/passwd' is not a zone code (letters and digits, such as ANZ531)", bad.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> Zones.parse(List.of("ANZ531 a", "# c", "anz531 b")));
    assertEquals(":3: zone ANZ531 is already on line 1", twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Zones.parse(List.of("# nothing")));
  }

  @Test
  void aFileThatCannotBeReadIsAOneLineError(@TempDir Path dir) throws Exception {
    DeliException missing = assertThrows(DeliException.class, () -> Zones.read(dir.resolve("nope.txt")));
    assertEquals("cannot read the zones file " + dir.resolve("nope.txt") + ": no such file", missing.getMessage());
    Path file = Files.writeString(dir.resolve("zones.txt"), "ANZ531 ok\n!!! no\n");
    DeliException bad = assertThrows(DeliException.class, () -> Zones.read(file));
    assertEquals("the zones file " + file + ":2: '!!!' is not a zone code (letters and digits, such as ANZ531)", bad.getMessage());
  }
}

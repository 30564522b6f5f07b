package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecastTextTest {
  private static final Zone ANZ533 = Zones.CHESAPEAKE_BAY.get(2);
  private static final Zone ANZ539 = Zones.CHESAPEAKE_BAY.get(8);

  @Test
  void theChaptersPatternFindsTheAdvisoryOfEverySample() {
    String sca = "SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 AM EST WEDNESDAY";
    String gale = "GALE WARNING IN EFFECT FROM 6 PM THIS EVENING THROUGH WEDNESDAY AFTERNOON";
    String tonight = "SMALL CRAFT ADVISORY IN EFFECT FROM 6 PM THIS EVENING THROUGH LATE TONIGHT";
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("ANZ531", sca);
    expected.put("ANZ532", sca);
    expected.put("ANZ533", gale);
    expected.put("ANZ534", gale);
    expected.put("ANZ535", "");
    expected.put("ANZ536", tonight);
    expected.put("ANZ537", tonight);
    expected.put("ANZ538", "");
    expected.put("ANZ539", "");
    expected.put("ANZ540", sca);
    expected.put("ANZ541", "");
    expected.put("ANZ542", "");
    expected.put("ANZ543", sca);
    for (Zone z : Zones.CHESAPEAKE_BAY) {
      String doc = ForecastDocs.sample(z.code());
      assertEquals(Optional.empty(), ForecastText.problem(z, doc), z.code());
      assertEquals(expected.get(z.code()), ForecastText.advisory(doc), z.code());
    }
  }

  @Test
  void aMultiLineAdvisoryHasItsNewlinesJoinedWithSpacesAndOnlyTheFirstAdvisoryCounts() {
    String doc = ForecastDocs.resource("gale-and-small-craft.txt");
    assertEquals("GALE WARNING IN EFFECT FROM 7 AM TO 7 PM EST WEDNESDAY", ForecastText.advisory(doc));
    String second = doc.replace("...GALE WARNING IN EFFECT FROM 7 AM TO 7 PM EST WEDNESDAY...\n", "");
    assertEquals("SMALL CRAFT ADVISORY IN EFFECT FROM 7 PM WEDNESDAY TO 6 AM EST THURSDAY", ForecastText.advisory(second));
  }

  @Test
  void aForecastWithoutAnAdvisoryHasAnEmptyOneThoughItsPeriodsAreDotted() {
    String doc = ForecastDocs.resource("quiet-day.txt");
    assertEquals(Optional.empty(), ForecastText.problem(ANZ539, doc));
    assertEquals("", ForecastText.advisory(doc));
  }

  @Test
  void windowsLineEndsStillMatch() {
    String doc = ForecastDocs.resource("gale-and-small-craft.txt").replace("\n", "\r\n");
    assertEquals("GALE WARNING IN EFFECT FROM 7 AM TO 7 PM EST WEDNESDAY", ForecastText.advisory(doc));
  }

  @Test
  void aWrappedGeneratedAdvisoryComesBackWhole() {
    String advisory = "SMALL CRAFT ADVISORY IN EFFECT FROM 6 PM THIS EVENING THROUGH LATE TONIGHT FOR HAZARDOUS SEAS";
    String doc = ForecastDocs.forecast(ANZ533, advisory);
    assertFalse(doc.contains(advisory), "the advisory is wrapped over two lines: " + doc);
    assertEquals(advisory, ForecastText.advisory(doc));
  }

  @Test
  void htmlPagesEmptyBodiesBinaryAndOtherZonesAreNotForecasts() {
    assertTrue(ForecastText.problem(ANZ533, ForecastDocs.resource("maintenance.html")).orElseThrow().contains("HTML page"));
    assertEquals(Optional.of("the document is empty"), ForecastText.problem(ANZ533, " \n\n"));
    assertEquals(Optional.of("the document is not text"), ForecastText.problem(ANZ533, "ANZ533\0\1\2"));
    assertEquals(Optional.of("the document is not text"), ForecastText.problem(ANZ533, "ANZ533 \uFFFD\uFFFD"));
    String other = ForecastText.problem(ANZ533, ForecastDocs.resource("quiet-day.txt")).orElseThrow();
    assertEquals("the document does not mention ANZ533 (it starts 'Expires:202611251015;;509212')", other);
  }
}

package deli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class TraceDiagramTest {
  private static Path resource(String name) throws Exception {
    return Path.of(TraceDiagramTest.class.getResource("/trace/" + name).toURI());
  }

  @Test
  void aKnownChefsLogRendersToTheExpectedMermaidDiagram() throws Exception {
    TraceLine.Read read = TraceLine.read(List.of(resource("chefs.jsonl")));
    assertEquals(1, read.skipped(), "the line that is not a trace line is skipped");
    String expected = Files.readString(resource("chefs.mmd"), StandardCharsets.UTF_8);
    assertEquals(expected, TraceDiagram.of(read.lines(), "c0ffee0000000001", 1000, false).mermaid());
  }

  @Test
  void theLimitCutsTheDiagramAndSaysSo() throws Exception {
    TraceLine.Read read = TraceLine.read(List.of(resource("chefs.jsonl")));
    TraceDiagram d = TraceDiagram.of(read.lines(), "c0ffee0000000001", 2, false);
    assertEquals(2, d.arrows().size());
    assertEquals(5, d.omitted());
    assertTrue(d.mermaid().contains("5 more messages not drawn"));
  }

  @Test
  void detailsShowTheMessagesAndEscapeWhatMermaidWouldMisread() {
    TraceLine l =
        new TraceLine(Instant.EPOCH, "local", "t", "cli", "pekko://deli/user/a", "Go", "Go(x=1; y=#2)");
    String m = TraceDiagram.of(List.of(l), "t", 10, true).mermaid();
    assertTrue(m.contains("p0->>p1: Go(x=1#59; y=#35;2)"), m);
  }

  @Test
  void aTraceAcrossNodesNamesTheNodeOfEachLifeline() {
    List<TraceLine> lines =
        List.of(
            new TraceLine(Instant.parse("2026-01-01T00:00:00Z"), "127.0.0.1:25521", "t",
                "pekko://deli@127.0.0.1:25521/user/factor/job-1", "pekko://deli@127.0.0.1:25521/user/factor", "Batch", ""),
            new TraceLine(Instant.parse("2026-01-01T00:00:01Z"), "127.0.0.1:25522", "t",
                "pekko://deli@127.0.0.1:25521/user/factor/job-1", "pekko://deli@127.0.0.1:25522/user/factor", "Batch", ""));
    TraceDiagram d = TraceDiagram.of(lines, "t", 10, false);
    assertEquals(
        List.of("factor/job-1@127.0.0.1:25521", "factor@127.0.0.1:25521", "factor@127.0.0.1:25522"), d.lifelines());
  }

  @Test
  void theSvgIsWellFormedWithALifelinePerActorAndAnArrowPerMessage() throws Exception {
    TraceLine.Read read = TraceLine.read(List.of(resource("chefs.jsonl")));
    String svg = TraceDiagram.of(read.lines(), "c0ffee0000000001", 1000, false).svg();
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getTagName());
    // one box per lifeline (plus the white background)
    assertEquals(5 + 1, doc.getElementsByTagName("rect").getLength());
    // dashed lifelines and message arrows are lines; the self-message is a path
    assertEquals(5 + 6, doc.getElementsByTagName("line").getLength());
    assertTrue(svg.contains(">kitchen/desk<"));
  }
}

package deli.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The message sequence of one trace, drawn as Mermaid text or as SVG: one lifeline per actor
 * (named by its path under {@code /user}, with its node when the trace spans several), one
 * arrow per message received, in time order.
 */
public final class TraceDiagram {

  /** One arrow: indexes into the lifelines, and its label. */
  public record Arrow(int from, int to, String label) {}

  private final String traceId;
  private final List<String> lifelines;
  private final List<Arrow> arrows;
  private final int omitted;

  private TraceDiagram(String traceId, List<String> lifelines, List<Arrow> arrows, int omitted) {
    this.traceId = traceId;
    this.lifelines = List.copyOf(lifelines);
    this.arrows = List.copyOf(arrows);
    this.omitted = omitted;
  }

  /**
   * The diagram of {@code traceId} from {@code lines}: at most {@code limit} arrows; with
   * {@code details}, each arrow shows the message's rendering, not only its type.
   */
  public static TraceDiagram of(List<TraceLine> lines, String traceId, int limit, boolean details) {
    return of(lines, traceId, limit, details, false);
  }

  /**
   * As {@link #of(List, String, int, boolean)}; with {@code times}, each arrow also says when
   * its handling began (from the first message drawn), and how long it waited and took.
   */
  public static TraceDiagram of(List<TraceLine> lines, String traceId, int limit, boolean details, boolean times) {
    List<TraceLine> mine = new ArrayList<>();
    for (TraceLine l : lines) {
      if (l.traceId().equals(traceId)) {
        mine.add(l);
      }
    }
    mine.sort(Comparator.comparing(TraceLine::time)); // stable: file order breaks ties
    Set<String> nodes = new LinkedHashSet<>();
    for (TraceLine l : mine) {
      nodes.add(l.node());
      if (l.sender() != null && nodeOfPath(l.sender()) != null) {
        nodes.add(nodeOfPath(l.sender()));
      }
    }
    boolean manyNodes = nodes.size() > 1;
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Arrow> arrows = new ArrayList<>();
    int shown = Math.min(limit, mine.size());
    for (int i = 0; i < shown; i++) {
      TraceLine l = mine.get(i);
      String to = name(l.receiver(), l.node(), manyNodes);
      String from = l.sender() == null ? to : name(l.sender(), l.node(), manyNodes);
      int f = index.computeIfAbsent(from, k -> index.size());
      int t = index.computeIfAbsent(to, k -> index.size());
      String label = details && !l.message().isEmpty() ? l.message() : l.type();
      if (times) {
        label = label + " " + timing(l, mine.get(0).time());
      }
      arrows.add(new Arrow(f, t, label));
    }
    return new TraceDiagram(traceId, new ArrayList<>(index.keySet()), arrows, mine.size() - shown);
  }

  /** {@code +1.20ms (waited 3.4us, took 850ns)}: when, from {@code start}, and how long, where known. */
  static String timing(TraceLine l, java.time.Instant start) {
    long at = java.time.Duration.between(start, l.time()).toNanos();
    StringBuilder b = new StringBuilder("+").append(TraceStats.duration(at));
    if (l.waitNanos() >= 0 || l.tookNanos() >= 0) {
      b.append(" (");
      if (l.waitNanos() >= 0) {
        b.append("waited ").append(TraceStats.duration(l.waitNanos()));
      }
      if (l.tookNanos() >= 0) {
        b.append(l.waitNanos() >= 0 ? ", " : "").append("took ").append(TraceStats.duration(l.tookNanos()));
      }
      b.append(')');
    }
    return b.toString();
  }

  public List<String> lifelines() {
    return lifelines;
  }

  public List<Arrow> arrows() {
    return arrows;
  }

  /** Messages of the trace left out by the limit. */
  public int omitted() {
    return omitted;
  }

  /**
   * A lifeline's name: the actor's path under {@code /user} (or {@code /system}), so
   * {@code pekko://deli/user/kitchen/desk} is {@code kitchen/desk}; an edge such as
   * {@code cli} keeps its name. With several nodes, the node follows an {@code @}.
   */
  static String name(String path, String lineNode, boolean withNode) {
    int scheme = path.indexOf("://");
    String rest;
    if (scheme >= 0) {
      int slash = path.indexOf('/', scheme + 3);
      rest = slash < 0 ? "" : path.substring(slash + 1);
    } else if (path.startsWith("/")) {
      rest = path.substring(1); // a span line's own-node path: /user/kitchen/desk
    } else {
      return path; // an edge: cli, http
    }
    if (rest.startsWith("user/")) {
      rest = rest.substring(5);
    }
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    if (!withNode) {
      return rest;
    }
    String node = nodeOfPath(path);
    return rest + "@" + (node != null ? node : lineNode);
  }

  /** {@code host:port} of a remote-capable path, or null for a local one. */
  static String nodeOfPath(String path) {
    int scheme = path.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int at = path.indexOf('@', scheme);
    int slash = path.indexOf('/', scheme + 3);
    if (at < 0 || (slash >= 0 && at > slash)) {
      return null;
    }
    return slash < 0 ? path.substring(at + 1) : path.substring(at + 1, slash);
  }

  /** Mermaid sequence-diagram text. */
  public String mermaid() {
    StringBuilder b = new StringBuilder();
    b.append("sequenceDiagram\n");
    b.append("    %% deli trace ").append(traceId).append('\n');
    for (int i = 0; i < lifelines.size(); i++) {
      b.append("    participant p").append(i).append(" as ").append(mermaidText(lifelines.get(i))).append('\n');
    }
    for (Arrow a : arrows) {
      b.append("    p").append(a.from()).append("->>p").append(a.to()).append(": ").append(mermaidText(a.label())).append('\n');
    }
    if (omitted > 0) {
      b.append("    Note over p0: ").append(omitted).append(" more messages not drawn (raise --limit)\n");
    }
    return b.toString();
  }

  private static String mermaidText(String s) {
    // ';' ends a statement and '#' starts an entity in Mermaid: write both as entities.
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '#' -> b.append("#35;");
        case ';' -> b.append("#59;");
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final int COLUMN = 190;
  private static final int MARGIN = 20;
  private static final int HEAD = 40;
  private static final int ROW = 28;

  /** A standalone SVG picture of the same diagram. */
  public String svg() {
    int width = MARGIN * 2 + Math.max(1, lifelines.size()) * COLUMN;
    int rows = arrows.size() + (omitted > 0 ? 1 : 0);
    int top = MARGIN + 24;
    int height = top + HEAD + (rows + 1) * ROW + MARGIN;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        width, height, width, height));
    b.append("  <defs><marker id=\"arrow\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\">"
        + "<path d=\"M0,0 L10,4 L0,8 z\" fill=\"#333\"/></marker></defs>\n");
    b.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    b.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">deli trace %s</text>%n",
        MARGIN, MARGIN + 10, xml(traceId)));
    int bottom = height - MARGIN;
    for (int i = 0; i < lifelines.size(); i++) {
      int x = center(i);
      b.append(String.format(Locale.ROOT,
          "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n",
          x, top + HEAD / 2, x, bottom));
      b.append(String.format(Locale.ROOT,
          "  <rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"#eef3fb\" stroke=\"#4a6fa5\"/>%n",
          x - COLUMN / 2 + 8, top, COLUMN - 16, HEAD - 12));
      b.append(String.format(Locale.ROOT,
          "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x, top + 18, xml(clip(lifelines.get(i), 28))));
    }
    int y = top + HEAD + ROW / 2;
    for (Arrow a : arrows) {
      int x1 = center(a.from());
      int x2 = center(a.to());
      if (x1 == x2) {
        b.append(String.format(Locale.ROOT,
            "  <path d=\"M%d,%d h30 v10 h-28\" fill=\"none\" stroke=\"#333\" marker-end=\"url(#arrow)\"/>%n",
            x1, y, y));
        b.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\">%s</text>%n", x1 + 34, y + 4, xml(clip(a.label(), 40))));
      } else {
        b.append(String.format(Locale.ROOT,
            "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\" marker-end=\"url(#arrow)\"/>%n",
            x1, y + 6, x2, y + 6));
        b.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
            (x1 + x2) / 2, y, xml(clip(a.label(), 40))));
      }
      y += ROW;
    }
    if (omitted > 0) {
      b.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" fill=\"#a00\">%d more messages not drawn (raise --limit)</text>%n",
          MARGIN, y, omitted));
    }
    b.append("</svg>\n");
    return b.toString();
  }

  private static int center(int i) {
    return MARGIN + i * COLUMN + COLUMN / 2;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

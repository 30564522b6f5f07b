package deli.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deli search --node URL}: each query goes to a running node's {@code GET /search}, which
 * answers from the tree it holds (warm: milliseconds), and the answer is printed as a local
 * search prints it. No actor system starts here: the command is an HTTP client.
 */
final class NodeSearch {
  /** The most lines asked for; a node may allow fewer ({@code deli.search.serve.max-limit}), and then its most is asked for. */
  static final int LIMIT = 10_000;

  private static final Pattern AT_MOST = Pattern.compile("limit must be at most (\\d+)");

  private final URI node;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private int limit = LIMIT;

  NodeSearch(URI node, String token, Duration timeout) {
    this.node = node;
    this.token = token == null || token.isBlank() ? null : token.strip();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The answer to one query: the lines to print, the summary, whether a line was selected; or an error. */
  record Outcome(List<String> out, List<String> err, boolean selected, boolean failed) {}

  /** Asks the node for {@code q} and renders its answer with {@code format}. */
  Outcome ask(SearchQuery q, GrepFormat format) {
    try {
      HttpResponse<String> r = get(q);
      Matcher m = r.statusCode() == 400 ? AT_MOST.matcher(r.body()) : null;
      if (m != null && m.find() && Integer.parseInt(m.group(1)) < limit) {
        limit = Integer.parseInt(m.group(1));
        r = get(q);
      }
      JsonNode body = json.readTree(r.body());
      if (r.statusCode() != 200) {
        String why = body != null && body.has("error") ? body.get("error").asText() : r.body();
        return new Outcome(List.of(), List.of("deli search: " + node + " answered " + r.statusCode() + ": " + why), false, true);
      }
      return render(q, format, body);
    } catch (IOException e) {
      return new Outcome(List.of(), List.of("deli search: cannot ask " + node + ": " + deli.core.Failures.describe(e)), false, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(List.of(), List.of("deli search: interrupted"), false, true);
    }
  }

  private HttpResponse<String> get(SearchQuery q) throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder("q=").append(URLEncoder.encode(q.text(), StandardCharsets.UTF_8));
    query.append("&limit=").append(limit);
    flag(query, "ignore-case", q.ignoreCase());
    flag(query, "regex", q.regex());
    flag(query, "word", q.word());
    flag(query, "invert", q.invert());
    flag(query, "count", q.countOnly());
    if (q.perFileLimit() > 0) {
      query.append("&per-file=").append(q.perFileLimit());
    }
    String base = node.toString().replaceAll("/+$", "");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/search?" + query)).timeout(timeout).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void flag(StringBuilder query, String name, boolean on) {
    if (on) {
      query.append('&').append(name).append("=true");
    }
  }

  /** The node's answer ({@link SearchAnswer} as JSON) in the lines a local search prints. */
  static Outcome render(SearchQuery q, GrepFormat format, JsonNode body) {
    List<FileHits> hits = new ArrayList<>();
    if (body.has("counts")) {
      body.get("counts").forEach(c -> hits.add(FileHits.counted(c.get("file").asText(), c.get("count").asInt())));
    } else {
      Map<String, List<JsonNode>> byFile = new LinkedHashMap<>();
      body.get("results").forEach(l -> byFile.computeIfAbsent(l.get("file").asText(), f -> new ArrayList<>()).add(l));
      byFile.forEach((file, lines) -> hits.add(fileHits(file, lines)));
    }
    List<String> out = new ArrayList<>(format.lines(q, format.needsText() ? q.marks() : null, hits));
    long matches = body.get("matches").asLong();
    out.add(
        String.format(
            Locale.ROOT, "Found %d %s in %d files in %.3f ms", matches, q.describe(), body.get("files").asInt(), body.get("ms").asDouble()));
    List<String> err = new ArrayList<>();
    if (body.path("truncated").asBoolean(false)) {
      err.add("deli search: the node sent the first " + body.get("returned").asInt() + " of " + matches + " lines (its limit)");
    }
    if (!body.get("complete").asBoolean()) {
      err.add("deli search: the answer is incomplete: slices " + body.path("missingShards") + " did not answer");
    }
    return new Outcome(out, err, matches > 0, !body.get("complete").asBoolean());
  }

  private static FileHits fileHits(String file, List<JsonNode> lines) {
    int[] numbers = new int[lines.size()];
    int[] ends = new int[lines.size()];
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      numbers[i] = lines.get(i).get("line").asInt();
      text.writeBytes(lines.get(i).get("text").asText().getBytes(StandardCharsets.UTF_8));
      ends[i] = text.size();
    }
    return FileHits.of(file, lines.size(), numbers, text.toByteArray(), ends);
  }

  /** Runs every query against the node, printing as it goes; grep's exit code. */
  int run(List<SearchQuery> queries, GrepFormat format, PrintStream out, PrintStream err) {
    boolean selected = false;
    boolean failed = false;
    for (SearchQuery q : queries) {
      Outcome o = ask(q, format);
      o.out().forEach(out::println);
      out.flush();
      o.err().forEach(err::println);
      selected |= o.selected();
      failed |= o.failed();
    }
    return failed ? 2 : selected ? 0 : 1;
  }
}

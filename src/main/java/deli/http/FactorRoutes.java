package deli.http;

import deli.core.Failures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import deli.core.Session;
import deli.factor.FactorPoolClient;
import deli.factor.NumberSource;
import deli.factor.Numbers;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /factor}: a JSON list of numbers in ({@code [12, "9007199254740993"]}: numbers
 * or strings of digits, for clients whose numbers lose digits above 2⁵³), the list of their
 * prime factor lists out, in the same order ({@code [[2,2,3],[3,...]]}). Bad input is a 400
 * naming the item; more than {@code deli.factor.max-numbers} numbers is a 413.
 */
public final class FactorRoutes {
  private final Edge edge;
  private final FactorPoolClient pool;
  private final int maxNumbers;

  public FactorRoutes(Edge edge, FactorPoolClient pool, int maxNumbers) {
    this.edge = edge;
    this.pool = pool;
    this.maxNumbers = maxNumbers;
  }

  public Route route() {
    return Directives.path(
        "factor",
        () ->
            Directives.post(
                () ->
                    Directives.entity(
                        Unmarshaller.entityToString(),
                        body -> edge.traced(trace -> {
                          JsonNode list = parse(body);
                          if (list.size() > maxNumbers) {
                            return edge.json().error(
                                StatusCodes.PAYLOAD_TOO_LARGE,
                                "at most " + maxNumbers + " numbers per request, not " + list.size());
                          }
                          return Directives.onComplete(
                              pool.mapAsync(trace, numbers(list)),
                              result -> {
                                if (result.isSuccess()) {
                                  return edge.json().ok(result.get());
                                }
                                Throwable failure = result.failed().get();
                                if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
                                  return edge.json().error(StatusCodes.SERVICE_UNAVAILABLE, "the factor pool did not answer in time");
                                }
                                return edge.json().error(StatusCodes.INTERNAL_SERVER_ERROR, Failures.describe(failure));
                              });
                        }))));
  }

  private JsonNode parse(String body) {
    JsonNode node;
    try {
      node = edge.json().mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isArray()) {
      throw new BadRequest("the body must be a JSON list of numbers, such as [12, 15]");
    }
    return node;
  }

  /** The list's numbers, each checked; a bad one is named by its index. */
  private static Numbers numbers(JsonNode list) {
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode item = list.get(i);
      String text;
      if (item.isIntegralNumber() || item.isTextual()) {
        text = item.isTextual() ? item.textValue().strip() : item.asText();
      } else {
        throw new BadRequest("item " + i + ": " + item + " is not an integer");
      }
      try {
        out[i] = NumberSource.parse(text);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("item " + i + ": " + e.getMessage());
      }
    }
    return Numbers.of(out);
  }
}

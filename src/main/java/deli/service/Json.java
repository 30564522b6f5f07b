package deli.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * JSON at the HTTP edge, with the one ObjectMapper Pekko configures for the system (the same
 * one its Jackson serializer uses), so records come out with their fields in their order.
 */
public final class Json {
  private final ObjectMapper mapper;
  private final Marshaller<Object, RequestEntity> marshaller;

  public Json(ActorSystem<?> system) {
    this.mapper = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty());
    this.marshaller = Jackson.marshaller(mapper);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public Route ok(Object body) {
    return Directives.completeOK(body, marshaller);
  }

  public Route complete(StatusCode status, Object body) {
    return Directives.complete(status, body, marshaller);
  }

  /** Every error the node answers: {@code {"error": message}}. */
  public record ErrorBody(String error) {}

  /** {@code {"error": message}} with {@code status}. */
  public Route error(StatusCode status, String message) {
    return complete(status, new ErrorBody(message));
  }

  /** The JSON error entity for a response Pekko built itself (a rejection). */
  public HttpEntity.Strict errorEntity(String message) {
    try {
      return org.apache.pekko.http.javadsl.model.HttpEntities.create(
          org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON,
          mapper.writeValueAsString(new ErrorBody(message)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

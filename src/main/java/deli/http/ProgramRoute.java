package deli.http;

import com.typesafe.config.Config;
import deli.core.ProgramService;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /NAME}: one run of a program per request, through its {@link ProgramService}. The
 * JSON body holds some of the program's config keys ({@code keys}, read over {@code defaults}
 * into its settings by {@code read}; a bad value is a 400); the answer is {@code toJson} of the
 * run's result, given the trace id.
 */
public final class ProgramRoute {
  private ProgramRoute() {}

  public static <S, R> Route post(
      Edge edge,
      String name,
      ActorRef<ProgramService.Command> service,
      Config defaults,
      Set<String> keys,
      Function<Config, S> read,
      BiFunction<String, R, Object> toJson) {
    return Directives.path(
        name,
        () ->
            Directives.post(
                () ->
                    Directives.entity(
                        Unmarshaller.entityToString(),
                        body ->
                            edge.traced(
                                trace -> {
                                  S settings = Params.settings(body, defaults, keys, read);
                                  return edge.<ProgramService.Command, R>ask(
                                      service,
                                      replyTo -> new ProgramService.Run<>(trace, settings, replyTo),
                                      r -> toJson.apply(trace.id(), r));
                                }))));
  }
}

package deli.service;

import com.typesafe.config.Config;
import deli.core.Options;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Describes a program that a node runs once per request, through a {@link ProgramService}:
 * {@code POST /NAME} with a JSON body of the program's settings keys (read over the node's
 * {@code deli.NAME} config by the same reader the command line uses; a bad value is a 400), and
 * the answer the program's final event makes, given the flow's trace id.
 *
 * @param <S> the program's settings
 * @param <E> the events it tells its listener
 * @param <R> its final event
 */
public final class ProgramDescription<S, E, R extends E> {
  private final String name;
  private final ServiceKey<ProgramService.Command> key;
  private final String kind;
  private final Class<R> finalType;
  private final ProgramService.Program<S, E> program;
  private Function<Config, Props> runProps = c -> Props.empty();
  private Options options;
  private Function<Config, S> read;
  private ToLongFunction<S> cost = s -> 1;
  private BiConsumer<ServiceContext, S> check = (ctx, s) -> {};
  private String what;

  private ProgramDescription(
      String name, ServiceKey<ProgramService.Command> key, String kind, Class<R> finalType, ProgramService.Program<S, E> program) {
    this.name = name;
    this.key = key;
    this.kind = kind;
    this.finalType = finalType;
    this.program = program;
  }

  /** Service {@code name} under {@code key}, each request a run called {@code kind}-N of {@code program}. */
  public static <S, E, R extends E> ProgramDescription<S, E, R> of(
      String name, ServiceKey<ProgramService.Command> key, String kind, Class<R> finalType, ProgramService.Program<S, E> program) {
    return new ProgramDescription<>(name, key, kind, finalType, program);
  }

  /** Each run spawned with these props (its dispatcher), read from the node's config. */
  public ProgramDescription<S, E, R> runsWith(Function<Config, Props> props) {
    this.runProps = props;
    return this;
  }

  /**
   * The program's declared settings ({@code deli.NAME}; the body may set those declared for
   * it), read into the settings record by {@code read}: the command line's declaration and reader.
   */
  public ProgramDescription<S, E, R> settings(Options options, Function<Config, S> read) {
    this.options = options;
    this.read = read;
    return this;
  }

  /**
   * The work one run asks for, in this service's units (its sleepers, orders, meals), for the
   * node's admission; 1 when not given.
   */
  public ProgramDescription<S, E, R> cost(ToLongFunction<S> cost) {
    this.cost = cost;
    return this;
  }

  /**
   * A check of a request's settings against the node (its file roots, say), before the run;
   * it throws {@link BadRequest} or {@link Forbidden}.
   */
  public ProgramDescription<S, E, R> checked(BiConsumer<ServiceContext, S> check) {
    this.check = check;
    return this;
  }

  /** What {@code POST /NAME} does, in a few words, for the API's index: {@code "runs one kitchen"}. */
  public ProgramDescription<S, E, R> does(String what) {
    this.what = what;
    return this;
  }

  /** The whole description: a run's final event answered as {@code answer(traceId, event)}. */
  public Service answers(BiFunction<String, R, Object> answer) {
    if (read == null || what == null) {
      throw new IllegalStateException(name + ": " + (read == null ? "settings" : "does") + "(...) not given");
    }
    return new Service(
        name,
        key,
        ctx -> {
          Config config = ctx.config();
          ActorRef<ProgramService.Command> service =
              ctx.serve(name, key, ProgramService.Command.class, ProgramService.create(kind, finalType, program, runProps.apply(config)));
          return Service.Running.of(route(ctx, service, config.getConfig(options.tree()), answer));
        },
        List.of(Service.Endpoint.post("/" + name, what)));
  }

  private Route route(ServiceContext ctx, ActorRef<ProgramService.Command> service, Config defaults, BiFunction<String, R, Object> answer) {
    Edge edge = ctx.edge();
    return edge.post(
        name,
        (trace, body) -> {
          S settings = Params.settings(body, defaults, options, read);
          check.accept(ctx, settings);
          return edge.<ProgramService.Command, R>askWithStatus(
              name,
              cost.applyAsLong(settings),
              service, replyTo -> new ProgramService.Run<>(trace, settings, replyTo), r -> answer.apply(trace.id(), r));
        });
  }
}

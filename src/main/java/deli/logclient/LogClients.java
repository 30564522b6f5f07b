package deli.logclient;

import deli.core.Dispatchers;
import deli.trace.Trace;
import deli.trace.Traced;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The chapter's logging demo: {@code clients} {@link SortingClient}s at once, each like one
 * process of the chapter with its own connection to the log server. It tells its listener when
 * every client is done, with the records sent and the time taken, then stops.
 */
public final class LogClients extends AbstractBehavior<LogClients.Command> {
  /** The dispatcher the sorting runs on (CPU-bound work). */

  public interface Command {}

  private record FromClient(SortingClient.Report report) implements Command {}

  /** What the demo tells its listener. */
  public interface Event extends Traced {}

  /** A message as the chapter's StreamHandler prints it ({@code INFO:app_3.GnomeSort:Sorting 5}). */
  public record Echoed(Trace trace, String line) implements Event {}

  /**
   * Every client is done: {@code records} sent in {@code nanos} by the clients that could, and
   * why the others could not.
   */
  public record AllDone(Trace trace, int clients, long records, long bytes, long nanos, List<String> failures)
      implements Event {
    public AllDone {
      failures = List.copyOf(failures);
    }
  }

  private final Trace trace;
  private final LogClientSettings settings;
  private final ActorRef<Event> listener;
  private final long start = System.nanoTime();
  private final List<String> failures = new ArrayList<>();
  private int done;
  private long records;
  private long bytes;

  public static Behavior<Command> create(LogClientSettings settings, Trace trace, ActorRef<Event> listener) {
    return Behaviors.setup(ctx -> new LogClients(ctx, settings, trace, listener));
  }

  private LogClients(ActorContext<Command> ctx, LogClientSettings settings, Trace trace, ActorRef<Event> listener) {
    super(ctx);
    this.trace = trace;
    this.settings = settings;
    this.listener = listener;
    SplittableRandom seeds = new SplittableRandom(settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong()));
    ActorRef<SortingClient.Report> reports = ctx.messageAdapter(SortingClient.Report.class, FromClient::new);
    for (int i = 1; i <= settings.clients(); i++) {
      ctx.spawn(
          SortingClient.create(i, settings, seeds.nextLong(), reports),
          "client-" + i,
          Dispatchers.cpu());
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(FromClient.class, this::onReport).build();
  }

  private Behavior<Command> onReport(FromClient m) {
    SortingClient.Report r = m.report();
    if (r instanceof SortingClient.Echo e) {
      listener.tell(new Echoed(trace, e.line()));
      return this;
    }
    if (r instanceof SortingClient.Finished f) {
      records += f.records();
      bytes += f.bytes();
    } else if (r instanceof SortingClient.Failed f) {
      failures.add(f.reason());
    }
    done++;
    if (done < settings.clients()) {
      return this;
    }
    listener.tell(new AllDone(trace, settings.clients(), records, bytes, System.nanoTime() - start, failures));
    return Behaviors.stopped();
  }
}

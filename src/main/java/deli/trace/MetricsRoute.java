package deli.trace;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /metrics}: the {@link ActorMetrics} counters of every actor class and the JVM's own
 * metrics (memory, GC, threads), in the Prometheus text format that Prometheus and its kin scrape.
 */
public final class MetricsRoute {
  private static final double NANOS_PER_SECOND = 1e9;
  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

  // One registry per JVM: the JVM's metrics can be registered only once, and the actor counters
  // are per JVM too (a test may run several ActorSystems in one).
  private static final class Holder {
    static final PrometheusRegistry REGISTRY = registry();

    private static PrometheusRegistry registry() {
      PrometheusRegistry r = new PrometheusRegistry();
      JvmMetrics.builder().register(r);
      r.register((MultiCollector) MetricsRoute::actors);
      return r;
    }
  }

  private MetricsRoute() {}

  /** The route; it reads the counters at each request and holds nothing of a node's. */
  public static Route route() {
    ContentType type = ContentTypes.parse(WRITER.getContentType());
    return Directives.path(
        "metrics",
        () -> Directives.get(() -> Directives.complete(HttpResponse.create()
            .withStatus(StatusCodes.OK)
            .withEntity(HttpEntities.create(type, text().getBytes(java.nio.charset.StandardCharsets.UTF_8))))));
  }

  /** Everything {@code /metrics} serves, as text. */
  public static String text() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      WRITER.write(out, Holder.REGISTRY.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The actor counters as Prometheus metric families, one series per actor class. */
  static MetricSnapshots actors() {
    List<ActorMetrics.ClassStats> stats = ActorMetrics.snapshot();
    CounterSnapshot.Builder handled = CounterSnapshot.builder().name("deli_actor_messages_handled")
        .help("Messages handled by the actors of a class");
    GaugeSnapshot.Builder actors = GaugeSnapshot.builder().name("deli_actors").help("Actors of a class alive now");
    SummarySnapshot.Builder wait = SummarySnapshot.builder().name("deli_actor_mailbox_wait_seconds").unit(Unit.SECONDS)
        .help("Time from send to the start of handling, over the messages stamped when sent (sampled)");
    GaugeSnapshot.Builder maxWait = GaugeSnapshot.builder().name("deli_actor_mailbox_wait_max_seconds")
        .help("The longest mailbox wait measured");
    SummarySnapshot.Builder handling = SummarySnapshot.builder().name("deli_actor_handling_seconds").unit(Unit.SECONDS)
        .help("Time spent handling a message, over the messages timed (sampled)");
    GaugeSnapshot.Builder maxHandling = GaugeSnapshot.builder().name("deli_actor_handling_max_seconds")
        .help("The longest handling measured");
    for (ActorMetrics.ClassStats s : stats) {
      Labels labels = Labels.of("actor_class", s.actorClass());
      handled.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(s.handled()).build());
      actors.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(s.actors()).build());
      wait.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder().labels(labels)
          .count(s.waited()).sum(s.waitNanos() / NANOS_PER_SECOND).build());
      maxWait.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
          .value(s.maxWaitNanos() / NANOS_PER_SECOND).build());
      handling.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder().labels(labels)
          .count(s.timed()).sum(s.handlingNanos() / NANOS_PER_SECOND).build());
      maxHandling.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
          .value(s.maxHandlingNanos() / NANOS_PER_SECOND).build());
    }
    return MetricSnapshots.of(
        handled.build(), actors.build(), wait.build(), maxWait.build(), handling.build(), maxHandling.build());
  }
}

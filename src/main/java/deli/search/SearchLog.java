package deli.search;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The listener of a node's search: says on stdout when the tree is loaded, and logs the rest. */
public final class SearchLog {
  private static final int MAX_PROBLEMS = 20;

  private SearchLog() {}

  public static Behavior<TreeEvent> create(String prefix, PrintStream out) {
    return Behaviors.setup(
        ctx ->
            Behaviors.receive(TreeEvent.class)
                .onMessage(
                    TreeEvent.TreeLoaded.class,
                    t -> {
                      String where = String.format(Locale.ROOT, " in %d shards", t.shards());
                      return holds(ctx, out, prefix, t.report(), t.root(), where, t.nanos());
                    })
                .onMessage(
                    TreeEvent.SlicesLoaded.class,
                    t -> {
                      String where =
                          String.format(
                              Locale.ROOT,
                              ": slices %s of %d, split over %d node%s",
                              ranges(t.held()),
                              t.slices(),
                              t.nodes(),
                              t.nodes() == 1 ? "" : "s");
                      return holds(ctx, out, prefix, t.report(), t.root(), where, t.nanos());
                    })
                .onMessage(
                    TreeEvent.TreeUnloadable.class,
                    u -> {
                      out.println(prefix + ": search cannot load its tree: " + u.reason());
                      out.flush();
                      return Behaviors.same();
                    })
                .onMessage(
                    TreeEvent.ShardReloaded.class,
                    r -> {
                      ctx.getLog().info("search: shard {} reloaded its {} files", r.slice(), r.report().files());
                      return Behaviors.same();
                    })
                .onAnyMessage(e -> Behaviors.same())
                .build());
  }

  /** Says what the search holds of {@code root} ({@code where}: in how many shards, or which slices), and logs the files it cannot read. */
  private static Behavior<TreeEvent> holds(
      ActorContext<TreeEvent> ctx, PrintStream out, String prefix, LoadReport r, String root, String where, long nanos) {
    r.problems().stream().limit(MAX_PROBLEMS).forEach(p -> ctx.getLog().warn("search: cannot read {}: {}", p.path(), p.reason()));
    out.println(
        String.format(
            Locale.ROOT,
            "%s: search holds %d files (%.1f MB, %d lines) of %s%s, loaded in %.3f s%s",
            prefix,
            r.files(),
            r.bytes() / 1e6,
            r.lines(),
            root,
            where,
            nanos / 1e9,
            r.problems().isEmpty() ? "" : "; " + r.problems().size() + " cannot be read"));
    out.flush();
    return Behaviors.same();
  }

  /** Slice numbers as runs: {@code [0, 1, 2, 5]} as {@code 0-2,5}. */
  static String ranges(java.util.List<Integer> slices) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < slices.size(); ) {
      int j = i;
      while (j + 1 < slices.size() && slices.get(j + 1) == slices.get(j) + 1) {
        j++;
      }
      out.append(out.length() == 0 ? "" : ",").append(slices.get(i));
      if (j > i) {
        out.append(j == i + 1 ? "," : "-").append(slices.get(j));
      }
      i = j + 1;
    }
    return out.length() == 0 ? "none" : out.toString();
  }
}

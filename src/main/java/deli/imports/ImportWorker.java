package deli.imports;

import deli.trace.Trace;
import deli.trace.Traced;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A worker of the analyzer, on the CPU dispatcher: reads a batch of files and scans each for
 * its imports (the chapter's {@code find_imports} in one of its pool's threads). Reading a
 * source file is short local I/O next to the scan, and the CPU dispatcher is deli's own, so
 * the read happens here rather than costing a hop per file to the blocking dispatcher.
 */
public final class ImportWorker {
  public interface Command {}

  /** Analyze these files (under the root); {@code worker} comes back in the answer. */
  public record Analyze(Trace trace, int worker, List<Path> files, ActorRef<Analyzed> replyTo)
      implements Command, Traced {
    public Analyze {
      files = List.copyOf(files);
    }
  }

  /** The batch's results, in the batch's order. */
  public record Analyzed(Trace trace, int worker, List<Analysis.FileResult> results) implements Traced {
    public Analyzed {
      results = List.copyOf(results);
    }
  }

  private ImportWorker() {}

  public static Behavior<Command> create(Path root, String focus, boolean references) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Analyze.class,
            m -> {
              List<Analysis.FileResult> results = new ArrayList<>(m.files().size());
              for (Path file : m.files()) {
                results.add(Analysis.analyze(file, deli.python.OsWalk.relative(root, file), focus, references));
              }
              m.replyTo().tell(new Analyzed(Trace.here(), m.worker(), results));
              return Behaviors.same();
            })
        .build();
  }
}

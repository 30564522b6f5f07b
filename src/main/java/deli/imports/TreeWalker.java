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
 * Walks a {@link SourceTree} on the blocking dispatcher and tells what it finds as it goes: a
 * few directories per message to itself, so files reach the workers while the walk goes on.
 * It stops when the tree is walked.
 */
public final class TreeWalker {
  /** Directories listed per step: enough to amortise a message, few enough to send early. */
  private static final int DIRECTORIES_PER_STEP = 16;

  /** The walker takes no orders: it walks from the moment it starts. */
  public interface Command {}

  private enum Continue implements Command {
    INSTANCE
  }

  /** What the walker tells its parent. */
  public sealed interface Event extends Traced permits Found, Walked {}

  /**
   * Files found, and directories that could not be listed. The files stay {@link Path}s: a name
   * the platform's encoding cannot spell (a UTF-8 name under a C locale) would not survive a
   * trip through a string.
   */
  public record Found(Trace trace, List<Path> files, List<Analysis.Failed> unlisted) implements Event {
    public Found {
      files = List.copyOf(files);
      unlisted = List.copyOf(unlisted);
    }
  }

  /** The walk is over. */
  public record Walked(Trace trace) implements Event {}

  private TreeWalker() {}

  static Behavior<Command> create(SourceTree tree, ActorRef<Event> parent) {
    return Behaviors.setup(
        ctx -> {
          ctx.getSelf().tell(Continue.INSTANCE);
          return Behaviors.receive(Command.class)
              .onMessageEquals(
                  Continue.INSTANCE,
                  () -> {
                    List<Path> files = new ArrayList<>();
                    List<Analysis.Failed> unlisted = new ArrayList<>();
                    for (int i = 0; i < DIRECTORIES_PER_STEP && !tree.done(); i++) {
                      SourceTree.Step step = tree.step();
                      files.addAll(step.files());
                      step.unlisted()
                          .forEach(u -> unlisted.add(new Analysis.Failed(u.path(), Analysis.Problem.READ, "OSError: " + u.reason())));
                    }
                    if (!files.isEmpty() || !unlisted.isEmpty()) {
                      parent.tell(new Found(Trace.here(), files, unlisted));
                    }
                    if (tree.done()) {
                      parent.tell(new Walked(Trace.here()));
                      return Behaviors.stopped();
                    }
                    ctx.getSelf().tell(Continue.INSTANCE);
                    return Behaviors.same();
                  })
              .build();
        });
  }
}

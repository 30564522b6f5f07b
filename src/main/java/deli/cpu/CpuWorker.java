package deli.cpu;

import deli.trace.Trace;
import deli.trace.Traced;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One {@code MuchCPU}: sums on whatever dispatcher it was spawned on and says which thread
 * did the work. It blocks its thread for the whole sum, which is why it must run on the CPU
 * dispatcher (or the single-thread one), never the default.
 */
public final class CpuWorker {
  public interface Command {}

  public record Sum(Trace trace, long terms, ActorRef<Summed> replyTo) implements Command, Traced {}

  public record Summed(Trace trace, String worker, String thread, long sum, long nanos)
      implements Traced {}

  private CpuWorker() {}

  public static Behavior<Command> create(String name) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Sum.class,
            m -> {
              long t = System.nanoTime();
              long sum = MuchCpu.sumOfOdds(m.terms());
              m.replyTo()
                  .tell(new Summed(Trace.here(), name, Thread.currentThread().getName(), sum, System.nanoTime() - t));
              return Behaviors.same();
            })
        .build();
  }
}

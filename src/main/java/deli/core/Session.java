package deli.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import sun.misc.Signal;

/**
 * Runs one command as one ActorSystem and turns its end into an exit code. The end of a
 * command is a CoordinatedShutdown with an {@link Outcome} reason; Ctrl-C and SIGTERM run the
 * same graceful shutdown, and the caller says which code they mean.
 */
public final class Session {
  /** The shutdown reason that carries a command's exit code. */
  public record Outcome(int exitCode) implements CoordinatedShutdown.Reason {}

  /** The shutdown reason for SIGINT or SIGTERM. */
  public record Signalled(String signal) implements CoordinatedShutdown.Reason {}

  /** The ActorSystem's name, the same for every command and node so nodes can cluster. */
  public static final String SYSTEM_NAME = "deli";

  private Session() {}

  /** Ends the session from inside an actor: runs CoordinatedShutdown with the exit code. */
  public static void finish(ActorSystem<?> system, int exitCode) {
    CoordinatedShutdown.get(system).run(new Outcome(exitCode));
  }

  /**
   * A root behavior for a one-shot command: a {@link Console} for the program's events and the
   * program itself, watched, so a program that dies of an exception ends the command with 1.
   */
  public static <E> Behavior<Void> oneShot(
      String programName,
      Function<E, Console.Output> render,
      Function<ActorRef<E>, Behavior<?>> program) {
    return oneShot(programName, render, program, Console.stdout(), System.err);
  }

  /** As {@link #oneShot(String, Function, Function)}, the program spawned with {@code programProps} (its dispatcher). */
  public static <E> Behavior<Void> oneShot(
      String programName,
      Function<E, Console.Output> render,
      Function<ActorRef<E>, Behavior<?>> program,
      Props programProps) {
    return oneShot(programName, render, program, System.out, System.err, programProps);
  }

  public static <E> Behavior<Void> oneShot(
      String programName,
      Function<E, Console.Output> render,
      Function<ActorRef<E>, Behavior<?>> program,
      PrintStream out,
      PrintStream err) {
    return oneShot(programName, render, program, out, err, Props.empty());
  }

  public static <E> Behavior<Void> oneShot(
      String programName,
      Function<E, Console.Output> render,
      Function<ActorRef<E>, Behavior<?>> program,
      PrintStream out,
      PrintStream err,
      Props programProps) {
    return Behaviors.<Void>setup(
            ctx -> {
              ActorRef<E> console =
                  ctx.spawn(Console.create(render, out, err), "console", DispatcherSelector.blocking());
              ActorRef<?> p = ctx.spawn(program.apply(console), programName, programProps);
              ctx.watch(p);
              return Behaviors.receive(Void.class)
                  .onSignal(
                      ChildFailed.class,
                      failed -> {
                        err.println(
                            "deli " + programName + ": failed: " + Failures.describe(failed.getCause()));
                        err.flush();
                        finish(ctx.getSystem(), 1);
                        return Behaviors.same();
                      })
                  .onSignal(Terminated.class, t -> Behaviors.same())
                  .build();
            })
        .narrow();
  }

  /**
   * Starts the system, waits until it has terminated and returns the exit code: the
   * {@link Outcome}'s, {@code onSignal} after Ctrl-C or SIGTERM, 1 for any other end.
   */
  public static int run(Behavior<Void> root, Config config, int onSignal) {
    ActorSystem<Void> system;
    // Watched from the guardian's first moment, before the program runs: a program that ends at
    // once could otherwise take the shutdown past its last phase before a task is added to it,
    // and a system that then never terminated would keep the session waiting for good.
    CompletableFuture<Void> lastPhase = new CompletableFuture<>();
    Behavior<Void> watched =
        Behaviors.setup(
            ctx -> {
              lastPhaseStarted(ctx.getSystem(), lastPhase);
              return root;
            });
    try {
      system = ActorSystem.create(watched, SYSTEM_NAME, inOneJvm(config));
    } catch (RuntimeException e) {
      // The one port an actor system binds is the cluster's (deli node); one-shot commands bind none.
      throw new DeliException("cannot start the actor system: " + Failures.describe(e) + InUse.hint(e, "--cluster-port"), e);
    }
    handleSignal("INT", system);
    handleSignal("TERM", system);
    CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
    Duration grace = terminationGrace(system.settings().config());
    try {
      CompletableFuture.anyOf(terminated, lastPhase.thenCompose(started -> after(grace))).get();
      if (!terminated.isDone()) {
        System.err.println("deli: the actor system had not stopped " + Durations.format(grace)
            + " after its last shutdown phase began (a connection to a node it cannot reach still closing): exiting without it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (ExecutionException e) {
      return 1;
    }
    Optional<CoordinatedShutdown.Reason> reason =
        CoordinatedShutdown.get(system).getShutdownReason();
    if (reason.isPresent() && reason.get() instanceof Outcome o) {
      return o.exitCode();
    }
    if (reason.isPresent() && reason.get() instanceof Signalled) {
      return onSignal;
    }
    return 1;
  }

  /**
   * Completes {@code started} when CoordinatedShutdown reaches its last phases: every service
   * stopped, only the actor system's own termination left.
   */
  private static void lastPhaseStarted(ActorSystem<?> system, CompletableFuture<Void> started) {
    CoordinatedShutdown.get(system)
        .addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "deli-session-last-phase", () -> {
          started.complete(null);
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  /**
   * How long the session waits for the actor system to terminate once its last phase has begun:
   * that phase's timeout and 5 s more. A cluster node cut off by a partition, having downed
   * itself, may never see its TLS connections to the unreachable nodes close (their peers cannot
   * answer), and its termination then waits for the network to heal; past this grace the command
   * exits with its code regardless.
   */
  static Duration terminationGrace(Config config) {
    return config.getDuration("pekko.coordinated-shutdown.phases.actor-system-terminate.timeout").plusSeconds(5);
  }

  private static CompletableFuture<Void> after(Duration d) {
    return new CompletableFuture<Void>().completeOnTimeout(null, d.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Extensions Pekko's libraries start with every system that a system in one JVM may start
   * when it first needs them instead: serialization (its Jackson mappers), which only messages
   * that leave the JVM use, and the streams' materializer, which only the commands that stream
   * use. Started eagerly they cost every command about 0.15 s (a seventh of
   * {@code deli factor 42}).
   */
  static final Set<String> LAZY_IN_ONE_JVM =
      Set.of("org.apache.pekko.serialization.SerializationExtension$", "org.apache.pekko.stream.SystemMaterializer$");

  /** {@code config} without {@link #LAZY_IN_ONE_JVM} among the extensions started at once, unless it makes a cluster. */
  static Config inOneJvm(Config config) {
    if (!config.getString("pekko.actor.provider").equals("local")) {
      return config;
    }
    List<String> eager = config.getStringList("pekko.library-extensions").stream().filter(e -> !LAZY_IN_ONE_JVM.contains(e)).toList();
    return config.withValue("pekko.library-extensions", ConfigValueFactory.fromIterable(eager, "deli: started when first needed"));
  }

  private static void handleSignal(String name, ActorSystem<?> system) {
    try {
      Signal.handle(
          new Signal(name),
          s -> CoordinatedShutdown.get(system).run(new Signalled("SIG" + name)));
    } catch (IllegalArgumentException e) {
      // The JVM keeps this signal for itself (for instance with -Xrs): its own shutdown hook
      // still runs CoordinatedShutdown, only the exit code is then the JVM's.
    }
  }
}

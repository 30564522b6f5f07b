package deli.core;

import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * The dispatchers deli defines in reference.conf, named once: CPU-bound work runs on
 * {@link #CPU} (one thread per core), and {@code deli cpu}'s one-thread comparison on
 * {@link #SINGLE_THREAD}. Blocking I/O runs on Pekko's own ({@code DispatcherSelector.blocking()}).
 */
public final class Dispatchers {
  /** One thread per core, for CPU-bound work, so it never holds up the default dispatcher. */
  public static final String CPU = "deli.cpu-dispatcher";
  /** One thread: the "same work confined to one thread" of {@code deli cpu}. */
  public static final String SINGLE_THREAD = "deli.single-thread-dispatcher";

  /** {@link #CPU}, as {@code spawn} and {@code dispatchers().lookup} take it. */
  public static DispatcherSelector cpu() {
    return DispatcherSelector.fromConfig(CPU);
  }

  /** {@link #SINGLE_THREAD}, as {@code spawn} takes it. */
  public static DispatcherSelector singleThread() {
    return DispatcherSelector.fromConfig(SINGLE_THREAD);
  }

  private Dispatchers() {}
}

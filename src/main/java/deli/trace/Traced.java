package deli.trace;

/** A message that carries its flow's {@link Trace}; the tracing interceptor reads it. */
public interface Traced {
  Trace trace();

  /**
   * A message an actor makes of another actor's traced one (a {@code messageAdapter}'s): it
   * carries the trace of the {@code message} it wraps.
   */
  interface Adapted extends Traced {
    Traced message();

    @Override
    default Trace trace() {
      return message().trace();
    }
  }
}

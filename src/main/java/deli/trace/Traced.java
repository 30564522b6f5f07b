package deli.trace;

/** A message that carries its flow's {@link Trace}; the tracing interceptor reads it. */
public interface Traced {
  Trace trace();
}

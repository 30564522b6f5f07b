package deli.python;

/**
 * A Python value a pickle may carry that Java has no type for (a datetime, a Decimal, a UUID):
 * kept as Python has it, so that {@code str()} and {@code repr()} come out as CPython's.
 */
public interface PyValue {
  /** As {@code str(v)}: CPython's {@code object.__str__} is {@code repr()}, unless the type says otherwise. */
  default String str() {
    return repr();
  }

  /** As {@code repr(v)}. */
  String repr();
}

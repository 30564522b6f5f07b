package deli.cpu;

/** The chapter's {@code MuchCPU} work, {@code sum(2 * i + 1 for i in range(n))}. Pure. */
public final class MuchCpu {
  private MuchCpu() {}

  /** The sum of the first {@code n} odd numbers, computed the long way (it is n², mod 2⁶⁴). */
  public static long sumOfOdds(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      s += 2 * i + 1;
    }
    return s;
  }
}

package deli.python;

/**
 * CPython's {@code random.Random} (the Mersenne Twister MT19937, seeded as
 * {@code random.seed(int)} seeds it), so that {@code deli factor --random 40960 --seed 42}
 * draws exactly the numbers of the chapter's program run after {@code random.seed(42)}. Pure;
 * not thread-safe.
 */
public final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;

  private final int[] mt = new int[N];
  private int index;

  /** As {@code random.seed(seed)}: the seed's absolute value, as 32-bit words, low first. */
  public PythonRandom(long seed) {
    long a = Math.abs(seed); // Math.abs(Long.MIN_VALUE) is negative: read it unsigned below
    int[] key = (a >>> 32) == 0 ? new int[] {(int) a} : new int[] {(int) a, (int) (a >>> 32)};
    initByArray(key);
  }

  /** As {@code random.randint(low, high)}: uniform in [low, high], both included. */
  public long randint(long low, long high) {
    if (high < low) {
      throw new IllegalArgumentException("empty range " + low + ".." + high);
    }
    long width = high - low + 1; // up to 2⁶³-1 for the ranges deli draws from
    if (width <= 0) {
      throw new IllegalArgumentException("range " + low + ".." + high + " is too wide");
    }
    int k = 64 - Long.numberOfLeadingZeros(width);
    long r = getrandbits(k);
    while (r >= width) {
      r = getrandbits(k);
    }
    return low + r;
  }

  /** As {@code random.getrandbits(k)} for 1 ≤ k ≤ 63. */
  public long getrandbits(int k) {
    if (k <= 32) {
      return Integer.toUnsignedLong(next()) >>> (32 - k);
    }
    long low = Integer.toUnsignedLong(next());
    long high = Integer.toUnsignedLong(next()) >>> (64 - k);
    return (high << 32) | low;
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private int next() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      int v = mt[(i + M) % N] ^ (y >>> 1);
      mt[i] = (y & 1) == 0 ? v : v ^ 0x9908b0df;
    }
    index = 0;
  }
}

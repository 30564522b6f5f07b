package deli.factor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@link Ecm64} does on each curve for one B1: stage 1's multiplier k (the product of every
 * prime power up to B1) as the ladder's swaps: entry 0 is k's second bit from the top, entry i
 * (i ≥ 1) is -1 where bits i and i + 1 from the top differ, the last entry -1 if k is odd; and
 * stage 2's pairing of each prime of (B1, B2]: giant steps mD up to {@code giants}·D, baby
 * steps j (odd, below D/2, prime to D), and the pairs as m << 16 | j, ascending.
 */
record EcmPlan(long[] swaps, int d, int[] babies, int giants, int[] pairs) {
  static EcmPlan of(int b1, int b2, int d) {
    // A sieve, not isProbablePrime: the plans are made at start-up, before the JIT has compiled anything.
    boolean[] composite = new boolean[b2 + 1];
    for (int i = 2; i * i <= b2; i++) {
      for (int j = i * i; !composite[i] && j <= b2; j += i) {
        composite[j] = true;
      }
    }
    BigInteger k = BigInteger.ONE;
    for (int q = 2; q <= b1; q++) {
      if (!composite[q]) {
        long power = q;
        while (power <= b1 / q) {
          power *= q;
        }
        k = k.multiply(BigInteger.valueOf(power));
      }
    }
    int top = k.bitLength() - 1;
    long[] swaps = new long[top + 1];
    for (int i = 0; i < top; i++) {
      // the top bit is the starting point, not a swap
      boolean previous = i > 0 && k.testBit(top - i);
      swaps[i] = previous != k.testBit(top - i - 1) ? -1 : 0;
    }
    swaps[top] = k.testBit(0) ? -1 : 0;
    List<Integer> babies = new ArrayList<>();
    for (int j = 1; j < d / 2; j += 2) {
      if (BigInteger.valueOf(j).gcd(BigInteger.valueOf(d)).intValue() == 1) {
        babies.add(j);
      }
    }
    // Each prime q of (B1, B2] as mD ± j: m the nearest multiple, j = |q - mD| < D/2, odd and prime to D.
    TreeSet<Integer> pairs = new TreeSet<>();
    for (int q = b1 + 1; q <= b2; q++) {
      if (!composite[q]) {
        int m = (q + d / 2) / d;
        pairs.add(m << 16 | Math.abs(q - m * d));
      }
    }
    return new EcmPlan(swaps, d, babies.stream().mapToInt(Integer::intValue).toArray(), (b2 + d / 2) / d,
        pairs.stream().mapToInt(Integer::intValue).toArray());
  }
}

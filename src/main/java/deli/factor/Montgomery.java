package deli.factor;

import java.math.BigInteger;

/**
 * Arithmetic modulo an odd {@code n} of any size in Montgomery form (R = 2^(64k) for n of k
 * 64-bit words): a residue is a {@code long[k]}, least significant word first, and a product
 * needs no division. Multiplication is the word-by-word CIOS reduction, with
 * {@link Math#multiplyHigh} for the top halves, and a two-word version unrolled for numbers up
 * to 2^128, where {@link Rho} and {@link Ecm} spend their time. Pure; one instance per
 * modulus, not thread-safe (it keeps one scratch array).
 */
final class Montgomery {
  final BigInteger modulus;
  final int words;
  private final long[] n;
  /** -n⁻¹ mod 2^64. */
  private final long n0inv;
  private final long[] t;
  private final long[] oneR;

  Montgomery(BigInteger modulus) {
    // `< 0` for `<= 0` is an equivalent mutant: zero is even, refused all the same.
    if (modulus.signum() <= 0 || !modulus.testBit(0)) {
      throw new IllegalArgumentException("Montgomery arithmetic needs an odd positive modulus, not " + modulus);
    }
    this.modulus = modulus;
    this.words = Math.max(1, (modulus.bitLength() + 63) / 64);
    this.n = limbs(modulus, words);
    this.n0inv = -Rho64.inverse(n[0]);
    this.t = new long[words + 2];
    this.oneR = toMontgomery(BigInteger.ONE);
  }

  /** A fresh residue (zero). */
  long[] residue() {
    return new long[words];
  }

  /** x·R mod n, for any non-negative x. */
  long[] toMontgomery(BigInteger x) {
    return limbs(x.shiftLeft(64 * words).mod(modulus), words);
  }

  /** The number a residue stands for. */
  BigInteger fromMontgomery(long[] a) {
    long[] one = residue();
    one[0] = 1;
    long[] r = residue();
    mul(a, one, r);
    return toBig(r);
  }

  /** Montgomery's 1 (R mod n); the caller must not change it. */
  long[] one() {
    return oneR;
  }

  /** The plain value of {@code a}'s words (not converted out of Montgomery form). */
  static BigInteger toBig(long[] a) {
    byte[] bytes = new byte[a.length * 8 + 1];
    for (int i = 0; i < a.length; i++) {
      long w = a[i];
      for (int b = 0; b < 8; b++) {
        bytes[bytes.length - 1 - (i * 8 + b)] = (byte) (w >>> (8 * b));
      }
    }
    return new BigInteger(bytes);
  }

  static long[] limbs(BigInteger x, int words) {
    long[] out = new long[words];
    for (int i = 0; i < words; i++) {
      out[i] = x.shiftRight(64 * i).longValue();
    }
    return out;
  }

  /** out = a·b·R⁻¹ mod n; out may be a or b. */
  void mul(long[] a, long[] b, long[] out) {
    if (words == 2) {
      mul2(a, b, out);
      return;
    }
    int k = words;
    long[] t = this.t;
    java.util.Arrays.fill(t, 0);
    for (int i = 0; i < k; i++) {
      long bi = b[i];
      long c = 0;
      for (int j = 0; j < k; j++) {
        // (c, t[j]) = t[j] + a[j]·bi + c, which cannot overflow 128 bits
        long lo = a[j] * bi;
        long hi = umulh(a[j], bi);
        lo += t[j];
        hi += Long.compareUnsigned(lo, t[j]) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t[j] = lo;
        c = hi;
      }
      long s = t[k] + c;
      t[k + 1] = Long.compareUnsigned(s, c) < 0 ? 1 : 0;
      t[k] = s;
      long m = t[0] * n0inv;
      // t += m·n, and shift down one word (the low word becomes 0)
      long lo = m * n[0];
      long hi = umulh(m, n[0]);
      lo += t[0];
      c = hi + (Long.compareUnsigned(lo, t[0]) < 0 ? 1 : 0);
      for (int j = 1; j < k; j++) {
        lo = m * n[j];
        hi = umulh(m, n[j]);
        lo += t[j];
        hi += Long.compareUnsigned(lo, t[j]) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t[j - 1] = lo;
        c = hi;
      }
      s = t[k] + c;
      t[k - 1] = s;
      t[k] = t[k + 1] + (Long.compareUnsigned(s, c) < 0 ? 1 : 0);
    }
    // t < 2n: subtract n once if t ≥ n
    if (t[k] != 0 || compare(t, n, k) >= 0) {
      long borrow = 0;
      for (int j = 0; j < k; j++) {
        long d = t[j] - n[j] - borrow;
        borrow = (Long.compareUnsigned(t[j], n[j]) < 0 || (borrow != 0 && t[j] == n[j])) ? 1 : 0;
        out[j] = d;
      }
    } else {
      System.arraycopy(t, 0, out, 0, k);
    }
  }

  /** {@link #mul} for two words, unrolled: the same steps, no loops, no scratch array. */
  private void mul2(long[] a, long[] b, long[] out) {
    long a0 = a[0];
    long a1 = a[1];
    long n0 = n[0];
    long n1 = n[1];
    // i = 0
    long b0 = b[0];
    long t0 = a0 * b0;
    long c = umulh(a0, b0);
    long lo = a1 * b0;
    long hi = umulh(a1, b0);
    lo += c;
    hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
    long t1 = lo;
    long t2 = hi;
    long m = t0 * n0inv;
    lo = m * n0;
    hi = umulh(m, n0);
    lo += t0;
    c = hi + (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    lo = m * n1;
    hi = umulh(m, n1);
    lo += t1;
    hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
    lo += c;
    hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
    t0 = lo;
    long s = t2 + hi;
    t1 = s;
    t2 = Long.compareUnsigned(s, hi) < 0 ? 1 : 0;
    // i = 1
    long b1 = b[1];
    lo = a0 * b1;
    hi = umulh(a0, b1);
    lo += t0;
    hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
    t0 = lo;
    c = hi;
    lo = a1 * b1;
    hi = umulh(a1, b1);
    lo += t1;
    hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
    lo += c;
    hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
    t1 = lo;
    s = t2 + hi;
    long t3 = Long.compareUnsigned(s, hi) < 0 ? 1 : 0;
    t2 = s;
    m = t0 * n0inv;
    lo = m * n0;
    hi = umulh(m, n0);
    lo += t0;
    c = hi + (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    lo = m * n1;
    hi = umulh(m, n1);
    lo += t1;
    hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
    lo += c;
    hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
    t0 = lo;
    s = t2 + hi;
    t1 = s;
    // t2 is only asked whether it is 0 (t3 is 0 or 1 and the carry too): t3 - carry for
    // t3 + carry is an equivalent mutant.
    t2 = t3 + (Long.compareUnsigned(s, hi) < 0 ? 1 : 0);
    if (t2 != 0 || Long.compareUnsigned(t1, n1) > 0 || (t1 == n1 && Long.compareUnsigned(t0, n0) >= 0)) {
      long d0 = t0 - n0;
      long borrow = Long.compareUnsigned(t0, n0) < 0 ? 1 : 0;
      t1 = t1 - n1 - borrow;
      t0 = d0;
    }
    out[0] = t0;
    out[1] = t1;
  }

  /** out = a + b mod n. */
  void add(long[] a, long[] b, long[] out) {
    if (addWords(a, b, out, words) != 0 || compare(out, n, words) >= 0) {
      subtractWords(out, n, out, words);
    }
  }

  /** out = a - b mod n. */
  void sub(long[] a, long[] b, long[] out) {
    if (subtractWords(a, b, out, words) != 0) {
      addWords(out, n, out, words);
    }
  }

  /** base^e, in Montgomery form, e ≥ 0. */
  long[] pow(long[] base, BigInteger e) {
    long[] result = oneR.clone();
    // Starting past the top bit only squares one first: an equivalent mutant.
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      mul(result, result, result);
      if (e.testBit(i)) {
        mul(result, base, result);
      }
    }
    return result;
  }

  /**
   * out = a + b over the low {@code k} words, wrapping; the carry out of the top word. Small
   * enough for the JIT to inline into {@link #add} and {@link #sub}. {@code out} may be
   * {@code a} or {@code b}: each word is read before it is written.
   */
  private static long addWords(long[] a, long[] b, long[] out, int k) {
    long carry = 0;
    for (int j = 0; j < k; j++) {
      long s = a[j] + b[j];
      long c1 = Long.compareUnsigned(s, a[j]) < 0 ? 1 : 0;
      long s2 = s + carry;
      long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
      out[j] = s2;
      carry = c1 | c2;
    }
    return carry;
  }

  /** out = a - b over the low {@code k} words, wrapping; the borrow out of the top word. As {@link #addWords}. */
  private static long subtractWords(long[] a, long[] b, long[] out, int k) {
    long borrow = 0;
    for (int j = 0; j < k; j++) {
      long d = a[j] - b[j];
      long b1 = Long.compareUnsigned(a[j], b[j]) < 0 ? 1 : 0;
      long d2 = d - borrow;
      long b2 = Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
      out[j] = d2;
      borrow = b1 | b2;
    }
    return borrow;
  }

  private static int compare(long[] a, long[] b, int k) {
    for (int j = k - 1; j >= 0; j--) {
      if (a[j] != b[j]) {
        return Long.compareUnsigned(a[j], b[j]);
      }
    }
    return 0;
  }

  static long umulh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }
}

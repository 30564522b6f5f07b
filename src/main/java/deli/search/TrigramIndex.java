package deli.search;

import java.util.Arrays;

/**
 * A trigram index over one shard: the files are cut into line-aligned chunks of about
 * {@code chunkBytes}, and for every trigram (ASCII case folded, hashed into a fixed number of
 * buckets) the index knows which chunks hold it. A query then scans only the chunks that hold
 * all of its trigrams. Hash collisions and case folding only add candidates, never lose one,
 * so one index serves case-sensitive and case-insensitive queries alike.
 *
 * <p>Posting lists are delta-coded varints, or bitsets where a bitset is smaller (the common
 * trigrams), so the index costs a fraction of the text.
 */
final class TrigramIndex {
  final int chunks;
  final int[] chunkFile;
  final int[] chunkStart;
  final int[] chunkEnd;
  private final int bits;
  /** Bucket b's varint list is {@code lists[listStart[b] .. listStart[b + 1])}. */
  private final int[] listStart;
  private final byte[] lists;
  /** Buckets kept as bitsets, sorted, and their bitsets one after another. */
  private final int[] denseBuckets;
  private final long[] dense;
  private final int words;

  private TrigramIndex(
      int chunks, int[] chunkFile, int[] chunkStart, int[] chunkEnd, int bits, int[] listStart, byte[] lists, int[] denseBuckets, long[] dense) {
    this.chunks = chunks;
    this.chunkFile = chunkFile;
    this.chunkStart = chunkStart;
    this.chunkEnd = chunkEnd;
    this.bits = bits;
    this.listStart = listStart;
    this.lists = lists;
    this.denseBuckets = denseBuckets;
    this.dense = dense;
    this.words = (chunks + 63) >>> 6;
  }

  private static final byte[] FOLD = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      FOLD[c] = (byte) (c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
  }

  static int fold(int c) {
    return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
  }

  /** The distinct buckets of the trigrams of {@code bytes[0..len)}, into {@code out}; {@code seen} is left clear. */
  private void distinctBuckets(byte[] bytes, int len, long[] seen, ShardCorpus.Ints out) {
    out.clear();
    if (len < 3) {
      return;
    }
    int key = ((FOLD[bytes[0] & 0xff] & 0xff) << 8) | (FOLD[bytes[1] & 0xff] & 0xff);
    for (int i = 2; i < len; i++) {
      key = ((key << 8) | (FOLD[bytes[i] & 0xff] & 0xff)) & 0xFFFFFF;
      int b = bucket(key);
      long bit = 1L << b;
      int w = b >>> 6;
      if ((seen[w] & bit) == 0) {
        seen[w] |= bit;
        out.add(b);
      }
    }
    for (int k = 0; k < out.size(); k++) {
      int b = out.get(k);
      seen[b >>> 6] &= ~(1L << b);
    }
  }

  private int bucket(int key) {
    return (key * 0x9E3779B1) >>> (32 - bits);
  }

  /** Builds the index of {@code texts} (Latin-1, one char per byte). */
  static TrigramIndex build(String[] texts, int chunkBytes, long totalBytes) {
    ShardCorpus.Ints file = new ShardCorpus.Ints(1024);
    ShardCorpus.Ints start = new ShardCorpus.Ints(1024);
    ShardCorpus.Ints end = new ShardCorpus.Ints(1024);
    for (int f = 0; f < texts.length; f++) {
      String t = texts[f];
      int n = t.length();
      int s = 0;
      while (s < n) {
        int e = s + chunkBytes;
        if (e >= n) {
          e = n;
        } else {
          int nl = t.indexOf('\n', e - 1);
          e = nl < 0 ? n : nl + 1;
        }
        file.add(f);
        start.add(s);
        end.add(e);
        s = e;
      }
    }
    int chunks = file.size();
    int bits = (int) Math.max(10, Math.min(22, 63 - Long.numberOfLeadingZeros(Math.max(1, totalBytes / 128))));
    int buckets = 1 << bits;
    int[] last = new int[buckets];
    long[] varBytes = new long[buckets];
    Arrays.fill(last, -1);
    TrigramIndex shape = new TrigramIndex(chunks, file.toArray(), start.toArray(), end.toArray(), bits, null, null, null, null);
    byte[] scratch = new byte[1 << 16];

    // Pass 1: how many bytes each bucket's varint list takes. A chunk's distinct buckets are
    // found with a small bitset first, so the large per-bucket arrays see each once per chunk.
    long[] seen = new long[(buckets + 63) >>> 6];
    ShardCorpus.Ints distinct = new ShardCorpus.Ints(4096);
    for (int c = 0; c < chunks; c++) {
      scratch = chunkBytes(texts, shape, c, scratch);
      shape.distinctBuckets(scratch, shape.chunkEnd[c] - shape.chunkStart[c], seen, distinct);
      for (int k = 0; k < distinct.size(); k++) {
        int b = distinct.get(k);
        varBytes[b] += varintLength(c - last[b]);
        last[b] = c;
      }
    }
    // A bucket takes a bitset when that is smaller than its list.
    int words = (chunks + 63) >>> 6;
    long bitsetBytes = words * 8L;
    int denseCount = 0;
    int[] listStart = new int[buckets + 1];
    long pos = 0;
    for (int b = 0; b < buckets; b++) {
      listStart[b] = (int) pos;
      if (varBytes[b] > bitsetBytes) {
        denseCount++;
      } else {
        pos += varBytes[b];
      }
    }
    if (pos > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("the index is too large for one shard: use more shards");
    }
    listStart[buckets] = (int) pos;
    byte[] lists = new byte[(int) pos];
    int[] denseBuckets = new int[denseCount];
    int[] denseSlot = new int[buckets];
    Arrays.fill(denseSlot, -1);
    for (int b = 0, d = 0; b < buckets; b++) {
      if (varBytes[b] > bitsetBytes) {
        denseSlot[b] = d;
        denseBuckets[d++] = b;
      }
    }
    long[] dense = new long[denseCount * words];

    // Pass 2: write the lists and bitsets.
    Arrays.fill(last, -1);
    int[] cursor = Arrays.copyOf(listStart, buckets);
    for (int c = 0; c < chunks; c++) {
      scratch = chunkBytes(texts, shape, c, scratch);
      shape.distinctBuckets(scratch, shape.chunkEnd[c] - shape.chunkStart[c], seen, distinct);
      for (int k = 0; k < distinct.size(); k++) {
        int b = distinct.get(k);
        int slot = denseSlot[b];
        if (slot >= 0) {
          dense[slot * words + (c >>> 6)] |= 1L << c;
        } else {
          cursor[b] = writeVarint(lists, cursor[b], c - last[b]);
        }
        last[b] = c;
      }
    }
    return new TrigramIndex(chunks, shape.chunkFile, shape.chunkStart, shape.chunkEnd, bits, listStart, lists, denseBuckets, dense);
  }

  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies Latin-1 chars as bytes, no allocation
  private static byte[] chunkBytes(String[] texts, TrigramIndex shape, int c, byte[] scratch) {
    int len = shape.chunkEnd[c] - shape.chunkStart[c];
    if (scratch.length < len) {
      scratch = new byte[Math.max(len, scratch.length * 2)];
    }
    texts[shape.chunkFile[c]].getBytes(shape.chunkStart[c], shape.chunkEnd[c], scratch, 0);
    return scratch;
  }

  private static int varintLength(int v) {
    return v < (1 << 7) ? 1 : v < (1 << 14) ? 2 : v < (1 << 21) ? 3 : v < (1 << 28) ? 4 : 5;
  }

  private static int writeVarint(byte[] out, int at, int v) {
    while (v >= 0x80) {
      out[at++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    return at;
  }

  /**
   * The chunks that may hold {@code query} (its bytes as Latin-1 chars), ascending; or
   * {@code null} when the query is too short to narrow anything (every chunk may).
   */
  int[] candidates(String query) {
    int n = query.length();
    if (n < 3) {
      return null;
    }
    int[] bs = new int[n - 2];
    int key = 0;
    for (int i = 0; i < n; i++) {
      key = ((key << 8) | fold(query.charAt(i) & 0xff)) & 0xFFFFFF;
      if (i >= 2) {
        bs[i - 2] = bucket(key);
      }
    }
    bs = Arrays.stream(bs).distinct().toArray();
    long[] and = null;
    int[] sparse = new int[bs.length];
    int sparseCount = 0;
    for (int b : bs) {
      int slot = Arrays.binarySearch(denseBuckets, b);
      if (slot >= 0) {
        if (and == null) {
          and = Arrays.copyOfRange(dense, slot * words, slot * words + words);
        } else {
          for (int w = 0, o = slot * words; w < words; w++) {
            and[w] &= dense[o + w];
          }
        }
      } else if (listStart[b] == listStart[b + 1]) {
        return new int[0];
      } else {
        sparse[sparseCount++] = b;
      }
    }
    if (sparseCount == 0) {
      return setBits(and);
    }
    // Start from the shortest list and keep what every other list (and bitset) also holds.
    Integer[] order = new Integer[sparseCount];
    for (int i = 0; i < sparseCount; i++) {
      order[i] = sparse[i];
    }
    Arrays.sort(order, (x, y) -> Integer.compare(listStart[x + 1] - listStart[x], listStart[y + 1] - listStart[y]));
    int[] cands = decode(order[0]);
    int size = cands.length;
    if (and != null) {
      int k = 0;
      for (int i = 0; i < size; i++) {
        int c = cands[i];
        if ((and[c >>> 6] & (1L << c)) != 0) {
          cands[k++] = c;
        }
      }
      size = k;
    }
    for (int o = 1; o < sparseCount && size > 0; o++) {
      size = intersect(cands, size, order[o]);
    }
    return Arrays.copyOf(cands, size);
  }

  private int[] decode(int b) {
    int from = listStart[b];
    int to = listStart[b + 1];
    int[] out = new int[to - from];
    int n = 0;
    int c = -1;
    int at = from;
    while (at < to) {
      int v = 0;
      int shift = 0;
      byte x;
      do {
        x = lists[at++];
        v |= (x & 0x7f) << shift;
        shift += 7;
      } while (x < 0);
      c += v;
      out[n++] = c;
    }
    return Arrays.copyOf(out, n);
  }

  /** Keeps in {@code cands[0..size)} what bucket {@code b}'s list also holds; returns the new size. */
  private int intersect(int[] cands, int size, int b) {
    int at = listStart[b];
    int to = listStart[b + 1];
    int c = -1;
    int k = 0;
    int i = 0;
    while (i < size && at < to) {
      int v = 0;
      int shift = 0;
      byte x;
      do {
        x = lists[at++];
        v |= (x & 0x7f) << shift;
        shift += 7;
      } while (x < 0);
      c += v;
      while (i < size && cands[i] < c) {
        i++;
      }
      if (i < size && cands[i] == c) {
        cands[k++] = c;
        i++;
      }
    }
    return k;
  }

  private int[] setBits(long[] set) {
    int n = 0;
    for (long w : set) {
      n += Long.bitCount(w);
    }
    int[] out = new int[n];
    int k = 0;
    for (int w = 0; w < set.length; w++) {
      long x = set[w];
      while (x != 0) {
        out[k++] = (w << 6) + Long.numberOfTrailingZeros(x);
        x &= x - 1;
      }
    }
    return out;
  }

  long memoryBytes() {
    return ShardCorpus.array(chunks * 4L) * 3
        + ShardCorpus.array(listStart.length * 4L)
        + ShardCorpus.array(lists.length)
        + ShardCorpus.array(denseBuckets.length * 4L)
        + ShardCorpus.array(dense.length * 8L);
  }
}

package deli.search;

import java.util.Arrays;

/**
 * A trigram index over one shard, in two layers.
 *
 * <p>The files are cut into line-aligned chunks of about {@code chunkBytes}; for every trigram
 * (ASCII case folded, hashed into a fixed number of buckets) the index knows which chunks hold
 * it, as a delta-coded varint list or, where smaller, a bitset. A query scans only the chunks
 * holding all of its trigrams, so a rare string touches a few kilobytes.
 *
 * <p>Common words are made of common trigrams, found in most chunks. So each chunk is cut
 * again into line-aligned pieces of about a sixteenth of its size, and the commonest trigrams
 * (as many as {@link #HOT_BUDGET} of the text's size buys) also get a bitset over the pieces:
 * a query holding one of them scans only the pieces that hold it. "def" then scans about a
 * third of the text instead of nine tenths.
 *
 * <p>Hash collisions and case folding only add candidates, never lose one, so one index serves
 * case-sensitive and case-insensitive queries alike.
 */
final class TrigramIndex {
  /** What the piece bitsets of the commonest trigrams may cost, as a fraction of the text. */
  static final double HOT_BUDGET = 0.10;

  final int chunks;
  /** Chunk c is {@code text[chunkStart[c] .. chunkStart[c + 1])}; chunks tile the text. */
  final int[] chunkStart;
  private final int bits;
  /** Bucket b's varint list is {@code lists[listStart[b] .. listStart[b + 1])}. */
  private final int[] listStart;
  private final byte[] lists;
  /** Buckets kept as bitsets over chunks, sorted, and their bitsets one after another. */
  private final int[] denseBuckets;
  private final long[] dense;
  private final int words;
  /** Chunk c's pieces are {@code firstPiece[c] .. firstPiece[c + 1]}; piece g is {@code text[pieceStart[g] .. pieceStart[g + 1])}. */
  private final int[] firstPiece;
  private final int[] pieceStart;
  /** The commonest buckets, sorted, and their bitsets over the pieces, one after another. */
  private final int[] hotBuckets;
  private final long[] hot;
  private final int pieceWords;

  private TrigramIndex(Builder b) {
    this.chunks = b.chunkStart.length - 1;
    this.chunkStart = b.chunkStart;
    this.firstPiece = b.firstPiece;
    this.pieceStart = b.pieceStart;
    this.bits = b.bits;
    this.listStart = b.listStart;
    this.lists = b.lists;
    this.denseBuckets = b.denseBuckets;
    this.dense = b.dense;
    this.words = b.words;
    this.hotBuckets = b.hotBuckets;
    this.hot = b.hot;
    this.pieceWords = b.pieceWords;
  }

  private static final byte[] FOLD = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      FOLD[c] = (byte) fold(c);
    }
  }

  static int fold(int c) {
    return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
  }

  private static int bucket(int key, int bits) {
    return (key * 0x9E3779B1) >>> (32 - bits);
  }

  /** Builds the index of a shard's text, whose files start at {@code fileStart} (one more entry ends the last). */
  static TrigramIndex build(byte[] text, int[] fileStart, int chunkBytes) {
    return new TrigramIndex(new Builder(text, fileStart, chunkBytes).build());
  }

  /** One build: its scratch state lives here, so shards build their indexes at the same time. */
  private static final class Builder {
    final byte[] text;
    final int[] fileStart;
    final int bits;
    final int buckets;
    int[] chunkStart;
    int[] firstPiece;
    int[] pieceStart;
    int[] listStart;
    byte[] lists;
    int[] denseBuckets;
    long[] dense;
    int words;
    int[] hotBuckets;
    long[] hot;
    int pieceWords;
    private final long totalBytes;
    private final long[] seen;
    private final ShardCorpus.Ints distinct = new ShardCorpus.Ints(4096);

    Builder(byte[] text, int[] fileStart, int chunkBytes) {
      this.text = text;
      this.fileStart = fileStart;
      this.totalBytes = fileStart[fileStart.length - 1];
      this.bits = (int) Math.max(10, Math.min(22, 63 - Long.numberOfLeadingZeros(Math.max(1, totalBytes / 128))));
      this.buckets = 1 << bits;
      this.seen = new long[(buckets + 63) >>> 6];
      cut(chunkBytes, Math.max(32, chunkBytes / 16));
    }

    /** Cuts every file into line-aligned chunks, and each chunk into line-aligned pieces. */
    private void cut(int chunkBytes, int pieceBytes) {
      ShardCorpus.Ints start = new ShardCorpus.Ints(1024);
      ShardCorpus.Ints first = new ShardCorpus.Ints(1024);
      ShardCorpus.Ints pieces = new ShardCorpus.Ints(16 * 1024);
      for (int f = 0; f + 1 < fileStart.length; f++) {
        int end = fileStart[f + 1];
        int s = fileStart[f];
        while (s < end) {
          int e = lineAlignedEnd(text, s, chunkBytes, end);
          start.add(s);
          first.add(pieces.size());
          for (int p = s; p < e; p = Math.min(e, lineAlignedEnd(text, p, pieceBytes, e))) {
            pieces.add(p);
          }
          s = e;
        }
      }
      start.add((int) totalBytes);
      first.add(pieces.size());
      pieces.add((int) totalBytes);
      chunkStart = start.toArray();
      firstPiece = first.toArray();
      pieceStart = pieces.toArray();
    }

    Builder build() {
      int chunks = chunkStart.length - 1;
      int[] last = new int[buckets];
      int[] count = new int[buckets];
      long[] varBytes = new long[buckets];
      Arrays.fill(last, -1);
      // Pass 1: how many chunks hold each bucket, and how many bytes its varint list takes.
      for (int c = 0; c < chunks; c++) {
        chunk(c, null);
        for (int k = 0; k < distinct.size(); k++) {
          int b = distinct.get(k);
          count[b]++;
          varBytes[b] += varintLength(c - last[b]);
          last[b] = c;
        }
      }
      // A bucket takes a bitset when that is smaller than its list.
      words = (chunks + 63) >>> 6;
      long bitsetBytes = words * 8L;
      listStart = new int[buckets + 1];
      int denseCount = 0;
      long pos = 0;
      for (int b = 0; b < buckets; b++) {
        listStart[b] = (int) pos;
        if (varBytes[b] > bitsetBytes) {
          denseCount++;
        } else {
          pos += varBytes[b];
        }
        if (pos > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("the index is too large for one shard: use more shards");
        }
      }
      listStart[buckets] = (int) pos;
      lists = new byte[(int) pos];
      denseBuckets = new int[denseCount];
      int[] slotOf = new int[buckets];
      Arrays.fill(slotOf, -1);
      for (int b = 0, d = 0; b < buckets; b++) {
        if (varBytes[b] > bitsetBytes) {
          slotOf[b] = d;
          denseBuckets[d++] = b;
        }
      }
      dense = new long[denseCount * words];
      // The commonest buckets (held by at least an eighth of the chunks) get piece bitsets too.
      pieceWords = (pieceStart.length - 1 + 63) >>> 6;
      int hotCount = (int) Math.min(4096, (long) (HOT_BUDGET * totalBytes) / Math.max(8L, pieceWords * 8L));
      hotBuckets = commonest(count, hotCount, Math.max(1, chunks / 8));
      int[] hotSlot = new int[buckets];
      Arrays.fill(hotSlot, -1);
      for (int h = 0; h < hotBuckets.length; h++) {
        hotSlot[hotBuckets[h]] = h;
      }
      hot = new long[hotBuckets.length * pieceWords];

      // Pass 2: write the lists and the bitsets.
      Arrays.fill(last, -1);
      int[] cursor = Arrays.copyOf(listStart, buckets);
      for (int c = 0; c < chunks; c++) {
        chunk(c, hotBuckets.length == 0 ? null : hotSlot);
        for (int k = 0; k < distinct.size(); k++) {
          int b = distinct.get(k);
          int slot = slotOf[b];
          if (slot >= 0) {
            dense[slot * words + (c >>> 6)] |= 1L << c;
          } else {
            cursor[b] = writeVarint(lists, cursor[b], c - last[b]);
          }
          last[b] = c;
        }
      }
      return this;
    }

    /**
     * Puts the distinct buckets of chunk {@code c}'s trigrams in {@link #distinct}; with
     * {@code hotSlot}, also sets the piece bits of the hot ones. A small bitset finds the
     * distinct ones, so the large per-bucket arrays see each bucket once per chunk.
     */
    private void chunk(int c, int[] hotSlot) {
      int from = chunkStart[c];
      int to = chunkStart[c + 1];
      byte[] bytes = text;
      distinct.clear();
      if (to - from < 3) {
        return;
      }
      int piece = firstPiece[c];
      int nextPiece = pieceStart[piece + 1];
      int key = ((FOLD[bytes[from] & 0xff] & 0xff) << 8) | (FOLD[bytes[from + 1] & 0xff] & 0xff);
      for (int i = from + 2; i < to; i++) {
        key = ((key << 8) | (FOLD[bytes[i] & 0xff] & 0xff)) & 0xFFFFFF;
        int b = bucket(key, bits);
        long bit = 1L << b;
        int w = b >>> 6;
        if ((seen[w] & bit) == 0) {
          seen[w] |= bit;
          distinct.add(b);
        }
        if (hotSlot != null && hotSlot[b] >= 0) {
          // The trigram starts at i - 2: that is the piece it belongs to.
          while (i - 2 >= nextPiece) {
            piece++;
            nextPiece = pieceStart[piece + 1];
          }
          hot[hotSlot[b] * pieceWords + (piece >>> 6)] |= 1L << piece;
        }
      }
      for (int k = 0; k < distinct.size(); k++) {
        int b = distinct.get(k);
        seen[b >>> 6] &= ~(1L << b);
      }
    }
  }

  /** The end of the line that holds {@code start + size - 1}, or {@code end}. */
  private static int lineAlignedEnd(byte[] t, int start, int size, int end) {
    long e = (long) start + size;
    if (e >= end) {
      return end;
    }
    int nl = ShardCorpus.newline(t, (int) e - 1, end);
    return nl < 0 ? end : nl + 1;
  }

  /** The {@code n} buckets held by the most chunks (at least {@code min}), sorted by bucket. */
  private static int[] commonest(int[] count, int n, int min) {
    if (n <= 0) {
      return new int[0];
    }
    ShardCorpus.Ints over = new ShardCorpus.Ints(1024);
    for (int b = 0; b < count.length; b++) {
      if (count[b] >= min) {
        over.add(b);
      }
    }
    Integer[] boxed = Arrays.stream(over.toArray()).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (x, y) -> Integer.compare(count[y], count[x]));
    int[] top = new int[Math.min(n, boxed.length)];
    for (int i = 0; i < top.length; i++) {
      top[i] = boxed[i];
    }
    Arrays.sort(top);
    return top;
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
   * Spans of a shard's text that may hold a query, in order. Spans closer than {@link #GAP}
   * are merged: scanning a few bytes more is cheaper than starting a new search, and finds
   * nothing wrong (what it finds there is a match all the same).
   */
  static final class Ranges {
    static final int GAP = 64;
    int size;
    int[] start = new int[64];
    int[] end = new int[64];

    void add(int s, int e) {
      if (size > 0 && s - end[size - 1] <= GAP) {
        end[size - 1] = e;
        return;
      }
      if (size == start.length) {
        start = Arrays.copyOf(start, size * 2);
        end = Arrays.copyOf(end, size * 2);
      }
      start[size] = s;
      end[size] = e;
      size++;
    }

    long bytes() {
      long n = 0;
      for (int i = 0; i < size; i++) {
        n += end[i] - start[i];
      }
      return n;
    }
  }

  /**
   * The spans that may hold {@code query} (its UTF-8 bytes); or {@code null} when the query
   * is too short to narrow anything (every span may).
   */
  Ranges candidates(byte[] query) {
    int n = query.length;
    if (n < 3) {
      return null;
    }
    int[] bs = new int[n - 2];
    int key = 0;
    for (int i = 0; i < n; i++) {
      key = ((key << 8) | fold(query[i] & 0xff)) & 0xFFFFFF;
      if (i >= 2) {
        bs[i - 2] = bucket(key, bits);
      }
    }
    bs = Arrays.stream(bs).distinct().toArray();
    int[] cands = chunkCandidates(bs);
    Ranges out = new Ranges();
    long[] pieces = pieceCandidates(bs);
    if (pieces == null) {
      for (int c : cands) {
        out.add(chunkStart[c], chunkStart[c + 1]);
      }
      return out;
    }
    for (int c : cands) {
      int last = firstPiece[c + 1];
      for (int g = firstPiece[c]; g < last; g++) {
        if ((pieces[g >>> 6] & (1L << g)) != 0) {
          out.add(pieceStart[g], pieceStart[g + 1]);
        }
      }
    }
    return out;
  }

  /** The pieces that hold every hot trigram of the query, or null when it holds none. */
  private long[] pieceCandidates(int[] bs) {
    long[] and = null;
    for (int b : bs) {
      int h = Arrays.binarySearch(hotBuckets, b);
      if (h < 0) {
        continue;
      }
      int o = h * pieceWords;
      if (and == null) {
        and = Arrays.copyOfRange(hot, o, o + pieceWords);
      } else {
        for (int w = 0; w < pieceWords; w++) {
          and[w] &= hot[o + w];
        }
      }
    }
    return and;
  }

  /** The chunks holding every bucket in {@code bs}, ascending. */
  private int[] chunkCandidates(int[] bs) {
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

  private static int[] setBits(long[] set) {
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

  /** How many trigram buckets have piece bitsets. */
  int hotTrigrams() {
    return hotBuckets.length;
  }

  long memoryBytes() {
    return ShardCorpus.array(chunkStart.length * 4L)
        + ShardCorpus.array(firstPiece.length * 4L)
        + ShardCorpus.array(pieceStart.length * 4L)
        + ShardCorpus.array(listStart.length * 4L)
        + ShardCorpus.array(lists.length)
        + ShardCorpus.array(denseBuckets.length * 4L)
        + ShardCorpus.array(dense.length * 8L)
        + ShardCorpus.array(hotBuckets.length * 4L)
        + ShardCorpus.array(hot.length * 8L);
  }
}

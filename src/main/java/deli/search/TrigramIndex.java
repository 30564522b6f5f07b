package deli.search;

import java.util.Arrays;

/**
 * A trigram index over one shard, in three layers, each finer and kept for fewer trigrams.
 *
 * <ol>
 *   <li>The files are cut into line-aligned chunks of about {@code chunkBytes}; for every
 *       trigram (ASCII case folded, hashed into a fixed number of buckets) the index knows
 *       which chunks hold it, as a delta-coded varint list or, where smaller, a bitset. A rare
 *       string then touches a few kilobytes.
 *   <li>Common words are made of common trigrams, found in most chunks. So each chunk is cut
 *       again into line-aligned pieces of about a sixteenth of its size, and the commonest
 *       trigrams (as many as {@link #PIECE_BUDGET} of the text's size buys) get a bitset over
 *       the pieces: {@code import} then scans a thirteenth of the text.
 *   <li>The commonest trigrams that are still selective (in at most a quarter of the lines,
 *       as many as {@link #LINE_BUDGET} buys) also get the list of the lines that hold them: a
 *       query holding one of them, like {@code def}, checks those lines and nothing else.
 * </ol>
 *
 * <p>Hash collisions and case folding only add candidates, never lose one, so one index serves
 * case-sensitive and case-insensitive queries alike.
 */
final class TrigramIndex {
  /** What the piece bitsets may cost, as a fraction of the text. */
  static final double PIECE_BUDGET = 0.10;
  /** Pieces a chunk is cut into, about. */
  static final int PIECES_PER_CHUNK = 32;
  /** What the line lists may cost, as a fraction of the text. */
  static final double LINE_BUDGET = 0.04;
  /** Past this share of the text, candidates are not worth narrowing: a plain scan is faster. */
  static final double DENSE = 0.30;
  /** Below this share of the text, the spans are few enough: line lists are not worth decoding. */
  static final double FEW = 0.03;
  /** Line lists are kept for trigrams in at most this share of the lines. */
  static final double LINE_SHARE = 0.15;

  /** Chunk c is {@code text[chunkStart[c] .. chunkStart[c + 1])}; chunks tile the text. */
  private final int[] chunkStart;
  private final int bits;
  /** Bucket b's varint list of chunks is {@code lists[listStart[b] .. listStart[b + 1])}. */
  private final int[] listStart;
  private final byte[] lists;
  /** Buckets whose chunks are a bitset, sorted, and the bitsets one after another. */
  private final int[] denseBuckets;
  private final long[] dense;
  private final int words;
  /** Chunk c's pieces are {@code firstPiece[c] .. firstPiece[c + 1]}; piece g is {@code text[pieceStart[g] .. pieceStart[g + 1])}. */
  private final int[] firstPiece;
  private final int[] pieceStart;
  /** Buckets with piece bitsets, sorted, and the bitsets one after another. */
  private final int[] pieceBuckets;
  private final long[] pieceBits;
  private final int pieceWords;
  /** Buckets with line lists, sorted; each list is varint deltas of line indexes. */
  private final int[] lineBuckets;
  private final byte[][] lineLists;
  private final int[] lineCounts;

  private TrigramIndex(Builder b) {
    this.chunkStart = b.chunkStart;
    this.firstPiece = b.firstPiece;
    this.pieceStart = b.pieceStart;
    this.bits = b.bits;
    this.listStart = b.listStart;
    this.lists = b.lists;
    this.denseBuckets = b.denseBuckets;
    this.dense = b.dense;
    this.words = b.words;
    this.pieceBuckets = b.pieceBuckets;
    this.pieceBits = b.pieceBits;
    this.pieceWords = b.pieceWords;
    this.lineBuckets = b.lineBuckets;
    this.lineLists = b.lineLists;
    this.lineCounts = b.lineCounts;
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

  /**
   * Builds the index of a shard's text, whose files start at {@code fileStart} and lines at
   * {@code lineStarts} (each with one more entry for the end).
   */
  static TrigramIndex build(byte[] text, int[] fileStart, int[] lineStarts, int chunkBytes) {
    return new TrigramIndex(new Builder(text, fileStart, lineStarts, chunkBytes).build());
  }

  /** One build: its scratch state lives here, so shards build their indexes at the same time. */
  private static final class Builder {
    final byte[] text;
    final int[] fileStart;
    final int[] lineStarts;
    final int bits;
    final int buckets;
    final long totalBytes;
    int[] chunkStart;
    int[] firstPiece;
    int[] pieceStart;
    int[] listStart;
    byte[] lists;
    int[] denseBuckets;
    long[] dense;
    int words;
    int[] pieceBuckets;
    long[] pieceBits;
    int pieceWords;
    int[] lineBuckets;
    byte[][] lineLists;
    int[] lineCounts;
    private long[] lineBits;
    private int lineWords;
    private int lineCursor;
    private final long[] seen;
    private final ShardCorpus.Ints distinct = new ShardCorpus.Ints(4096);

    Builder(byte[] text, int[] fileStart, int[] lineStarts, int chunkBytes) {
      this.text = text;
      this.fileStart = fileStart;
      this.lineStarts = lineStarts;
      this.totalBytes = fileStart[fileStart.length - 1];
      // equivalent mutants: the bucket count only sets how often trigrams collide, and collisions only add candidates
      this.bits = (int) Math.max(10, Math.min(22, 63 - Long.numberOfLeadingZeros(Math.max(1, totalBytes / 128))));
      this.buckets = 1 << bits;
      this.seen = new long[(buckets + 63) >>> 6]; // equivalent mutant: a larger scratch bitset is only larger
      cut(chunkBytes, Math.max(32, chunkBytes / PIECES_PER_CHUNK));
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
        chunk(c, null, null);
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
        if (pos > Integer.MAX_VALUE - 16) { // the boundary needs a 2 GB index to test
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
      // The commonest buckets (in at least an eighth of the chunks) get piece bitsets, and the
      // 64 commonest are tried for line lists (kept below if they are selective enough).
      pieceWords = (pieceStart.length - 1 + 63) >>> 6;
      int pieceCount = (int) Math.min(4096, (long) (PIECE_BUDGET * totalBytes) / Math.max(8L, pieceWords * 8L));
      pieceBuckets = commonest(count, pieceCount, Math.max(1, chunks / 8));
      int[] pieceSlot = slots(pieceBuckets);
      pieceBits = new long[pieceBuckets.length * pieceWords];
      int[] tried = commonest(count, 64, Math.max(1, chunks / 8));
      int[] lineSlot = slots(tried);
      lineWords = (lineStarts.length + 63) >>> 6; // equivalent mutant: longer line bitsets only hold more zero words
      lineBits = new long[tried.length * lineWords];

      // Pass 2: write the chunk lists and bitsets, the piece bitsets and the line bitsets.
      Arrays.fill(last, -1);
      lineCursor = 0;
      int[] cursor = Arrays.copyOf(listStart, buckets);
      for (int c = 0; c < chunks; c++) {
        chunk(c, pieceBuckets.length == 0 ? null : pieceSlot, tried.length == 0 ? null : lineSlot);
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
      keepLineLists(tried, count);
      return this;
    }

    /** Which slot each of {@code chosen} (sorted buckets) has, by bucket; -1 for the rest. */
    private int[] slots(int[] chosen) {
      int[] slot = new int[buckets];
      Arrays.fill(slot, -1);
      for (int h = 0; h < chosen.length; h++) {
        slot[chosen[h]] = h;
      }
      return slot;
    }

    /**
     * Keeps, as varint lists within the budget, the line bitsets of trigrams in at most
     * {@link #LINE_SHARE} of the lines, those in the most chunks first: there lines narrow a
     * query most where chunks and pieces narrow it least ("def" is in 86% of the chunks and 6%
     * of the lines).
     */
    private void keepLineLists(int[] tried, int[] chunkCount) {
      int lines = lineStarts.length;
      Integer[] order = new Integer[tried.length];
      int[] counts = new int[tried.length];
      for (int h = 0; h < tried.length; h++) {
        order[h] = h;
        for (int w = 0; w < lineWords; w++) {
          counts[h] += Long.bitCount(lineBits[h * lineWords + w]);
        }
      }
      Arrays.sort(order, (x, y) -> Integer.compare(chunkCount[tried[y]], chunkCount[tried[x]]));
      long budget = (long) (LINE_BUDGET * totalBytes);
      byte[][] kept = new byte[tried.length][];
      for (int h : order) {
        if (counts[h] > LINE_SHARE * lines || counts[h] == 0) {
          continue;
        }
        byte[] list = lineList(h, counts[h]);
        if (list.length <= budget) {
          kept[h] = list;
          budget -= list.length;
        }
      }
      ShardCorpus.Ints keptBuckets = new ShardCorpus.Ints(64);
      java.util.List<byte[]> keptLists = new java.util.ArrayList<>();
      ShardCorpus.Ints keptCounts = new ShardCorpus.Ints(64);
      for (int h = 0; h < tried.length; h++) {
        if (kept[h] != null) {
          keptBuckets.add(tried[h]);
          keptLists.add(kept[h]);
          keptCounts.add(counts[h]);
        }
      }
      lineBuckets = keptBuckets.toArray();
      lineLists = keptLists.toArray(byte[][]::new);
      lineCounts = keptCounts.toArray();
      lineBits = null;
    }

    private byte[] lineList(int h, int n) {
      byte[] out = new byte[n * 5];
      int at = 0;
      int prev = -1;
      for (int w = 0; w < lineWords; w++) {
        long x = lineBits[h * lineWords + w];
        while (x != 0) {
          int line = (w << 6) + Long.numberOfTrailingZeros(x);
          at = writeVarint(out, at, line - prev);
          prev = line;
          x &= x - 1;
        }
      }
      return Arrays.copyOf(out, at);
    }

    /**
     * Puts the distinct buckets of chunk {@code c}'s trigrams in {@link #distinct}; with
     * {@code pieceSlot} and {@code lineSlot}, also sets the piece and line bits of the buckets
     * that have them. A small bitset finds the distinct ones, so the large per-bucket arrays
     * see each bucket once per chunk.
     */
    private void chunk(int c, int[] pieceSlot, int[] lineSlot) {
      int from = chunkStart[c];
      int to = chunkStart[c + 1];
      byte[] bytes = text;
      distinct.clear();
      if (to - from < 3) {
        return;
      }
      int piece = firstPiece[c];
      int nextPiece = pieceStart[piece + 1];
      int line = lineCursor;
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= from) { // equivalent mutants: a shortcut; stopping a line early (or not starting), the loop below steps on
        line++;
      }
      int nextLine = line + 1 < lineStarts.length ? lineStarts[line + 1] : Integer.MAX_VALUE;
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
        if (pieceSlot != null && pieceSlot[b] >= 0) {
          // The trigram starts at i - 2: that is the piece (and the line) it belongs to.
          while (i - 2 >= nextPiece) {
            piece++;
            nextPiece = pieceStart[piece + 1];
          }
          pieceBits[pieceSlot[b] * pieceWords + (piece >>> 6)] |= 1L << piece;
        }
        if (lineSlot != null && lineSlot[b] >= 0) {
          while (i - 2 >= nextLine) {
            line++;
            nextLine = line + 1 < lineStarts.length ? lineStarts[line + 1] : Integer.MAX_VALUE;
          }
          lineBits[lineSlot[b] * lineWords + (line >>> 6)] |= 1L << line;
        }
      }
      lineCursor = line;
      for (int k = 0; k < distinct.size(); k++) {
        int b = distinct.get(k);
        seen[b >>> 6] &= ~(1L << b);
      }
    }
  }

  /** The end of the line that holds {@code start + size - 1}, or {@code end}. */
  private static int lineAlignedEnd(byte[] t, int start, int size, int end) {
    long e = (long) start + size;
    if (e >= end) { // equivalent mutant: at e == end the newline search below gives end too
      return end;
    }
    int nl = ShardCorpus.newline(t, (int) e - 1, end);
    return nl < 0 ? end : nl + 1;
  }

  /** The {@code n} buckets held by the most chunks (at least {@code min}), sorted by bucket. */
  private static int[] commonest(int[] count, int n, int min) {
    if (n <= 0) { // equivalent mutant: n == 0 takes none of them below all the same
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

  /** Where a query may match: nowhere narrower than everything, some spans, or some lines. */
  sealed interface Candidates permits All, Spans, Lines {}

  /** Every line may match: scan it all. */
  enum All implements Candidates {
    INSTANCE
  }

  /**
   * Spans of the text that may hold a query, in order. Spans closer than {@link #GAP} are
   * merged: scanning a few bytes more is cheaper than starting a new search, and finds nothing
   * wrong (what it finds there is a match all the same).
   */
  static final class Spans implements Candidates {
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

  /** The lines (indexes into the line table) that may hold a query, ascending. */
  record Lines(int[] lines, int size) implements Candidates {}

  /** Where {@code query} (its UTF-8 bytes) may match, in a shard whose lines start at {@code lineStarts}. */
  Candidates candidates(byte[] query, int[] lineStarts) {
    int n = query.length;
    if (n < 3) {
      return All.INSTANCE;
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
    int[] chunks = chunkCandidates(bs);
    long[] pieces = pieceCandidates(bs);
    int totalChunks = chunkStart.length - 1;
    double share = (double) chunks.length / Math.max(1, totalChunks);
    if (pieces != null) {
      int set = 0;
      for (long w : pieces) {
        set += Long.bitCount(w);
      }
      share = Math.min(share, (double) set / Math.max(1, pieceStart.length - 1));
    }
    int line = share > FEW ? shortestLineList(bs) : -1;
    if (line >= 0) {
      return lines(bs, line, chunks, pieces, lineStarts);
    }
    if (share > DENSE) {
      return All.INSTANCE;
    }
    Spans out = new Spans();
    for (int c : chunks) {
      if (pieces == null) {
        out.add(chunkStart[c], chunkStart[c + 1]);
        continue;
      }
      int last = firstPiece[c + 1];
      for (int g = firstPiece[c]; g < last; g++) {
        if ((pieces[g >>> 6] & (1L << g)) != 0) {
          out.add(pieceStart[g], pieceStart[g + 1]);
        }
      }
    }
    return out;
  }

  /** The index in {@link #lineBuckets} of the query's bucket with the shortest line list, or -1. */
  private int shortestLineList(int[] bs) {
    int best = -1;
    for (int b : bs) {
      int h = Arrays.binarySearch(lineBuckets, b);
      if (h >= 0 && (best < 0 || lineCounts[h] < lineCounts[best])) { // equivalent mutants (best <= 0, <=, >=): any listed bucket may start, the intersection below is the same
        best = h;
      }
    }
    return best;
  }

  /** The lines of list {@code h} that every other layer also allows. */
  private Lines lines(int[] bs, int h, int[] chunks, long[] pieces, int[] lineStarts) {
    int[] out = new int[lineCounts[h]];
    int n = decodeDeltas(lineLists[h], 0, lineLists[h].length, out);
    for (int b : bs) {
      int o = Arrays.binarySearch(lineBuckets, b);
      if (o >= 0 && o != h) {
        n = intersectLines(out, n, lineLists[o]);
      }
    }
    if (bs.length == 1) {
      return new Lines(out, n);
    }
    // Keep the lines whose chunk (and piece) holds the query's other trigrams too.
    int k = 0;
    int c = 0;
    int ci = 0;
    int g = 0;
    for (int i = 0; i < n; i++) {
      int at = lineStarts[out[i]];
      while (chunkStart[c + 1] <= at) {
        c++;
      }
      while (ci < chunks.length && chunks[ci] < c) {
        ci++;
      }
      if (ci == chunks.length) {
        break;
      }
      if (chunks[ci] != c) {
        continue;
      }
      if (pieces != null) {
        g = Math.max(g, firstPiece[c]);
        while (pieceStart[g + 1] <= at) {
          g++;
        }
        if ((pieces[g >>> 6] & (1L << g)) == 0) {
          continue;
        }
      }
      out[k++] = out[i];
    }
    return new Lines(out, k);
  }

  /** Keeps in {@code lines[0..n)} what the varint line list {@code list} also holds; returns the new size. */
  private static int intersectLines(int[] lines, int n, byte[] list) {
    return intersectDeltas(lines, n, list, 0, list.length);
  }

  /**
   * Keeps in the sorted {@code values[0..n)} those that the delta-coded varint list in
   * {@code list[from..to)} also holds (its first value counted from -1); returns the new size.
   */
  private static int intersectDeltas(int[] values, int n, byte[] list, int from, int to) {
    int at = from;
    int value = -1;
    int k = 0;
    int i = 0;
    while (i < n && at < to) { // equivalent mutant (i <= n): decoding on past n keeps nothing more
      int v = 0;
      int shift = 0;
      byte x;
      do {
        x = list[at++];
        v |= (x & 0x7f) << shift;
        shift += 7;
      } while (x < 0); // equivalent mutant (x <= 0): no varint byte is 0, every delta being at least 1
      value += v;
      while (i < n && values[i] < value) {
        i++;
      }
      if (i < n && values[i] == value) {
        values[k++] = value;
        i++;
      }
    }
    return k;
  }

  /** The pieces that hold every piece-indexed trigram of the query, or null when it holds none. */
  private long[] pieceCandidates(int[] bs) {
    long[] and = null;
    for (int b : bs) {
      int h = Arrays.binarySearch(pieceBuckets, b);
      if (h < 0) {
        continue;
      }
      int o = h * pieceWords;
      if (and == null) {
        and = Arrays.copyOfRange(pieceBits, o, o + pieceWords);
      } else {
        for (int w = 0; w < pieceWords; w++) {
          and[w] &= pieceBits[o + w];
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
    // equivalent mutants: the shortest list first only makes the intersection cheaper, the same either way
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
    for (int o = 1; o < sparseCount && size > 0; o++) { // equivalent mutant (size >= 0): intersecting an empty set keeps it empty
      size = intersect(cands, size, order[o]);
    }
    return Arrays.copyOf(cands, size);
  }

  private int[] decode(int b) {
    int from = listStart[b];
    int to = listStart[b + 1];
    int[] out = new int[to - from]; // equivalent mutant: a longer buffer is cut to what was decoded
    return Arrays.copyOf(out, decodeDeltas(lists, from, to, out));
  }

  /**
   * Writes into {@code out} the values of the delta-coded varint list in {@code list[from..to)}
   * (its first value counted from -1), the chunk lists and the line lists alike; returns how many.
   */
  private static int decodeDeltas(byte[] list, int from, int to, int[] out) {
    int n = 0;
    int value = -1;
    int at = from;
    while (at < to) {
      int v = 0;
      int shift = 0;
      byte x;
      do {
        x = list[at++];
        v |= (x & 0x7f) << shift;
        shift += 7;
      } while (x < 0); // equivalent mutant (x <= 0): no varint byte is 0, every delta being at least 1
      value += v;
      out[n++] = value;
    }
    return n;
  }

  /** Keeps in {@code cands[0..size)} what bucket {@code b}'s list also holds; returns the new size. */
  private int intersect(int[] cands, int size, int b) {
    return intersectDeltas(cands, size, lists, listStart[b], listStart[b + 1]);
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

  /** How many trigram buckets have piece bitsets and line lists. */
  int pieceTrigrams() {
    return pieceBuckets.length;
  }

  int lineTrigrams() {
    return lineBuckets.length;
  }

  long memoryBytes() {
    long lineBytes = ShardCorpus.array(lineLists.length * 4L);
    for (byte[] l : lineLists) {
      lineBytes += ShardCorpus.array(l.length);
    }
    return ShardCorpus.array(chunkStart.length * 4L)
        + ShardCorpus.array(firstPiece.length * 4L)
        + ShardCorpus.array(pieceStart.length * 4L)
        + ShardCorpus.array(listStart.length * 4L)
        + ShardCorpus.array(lists.length)
        + ShardCorpus.array(denseBuckets.length * 4L)
        + ShardCorpus.array(dense.length * 8L)
        + ShardCorpus.array(pieceBuckets.length * 4L)
        + ShardCorpus.array(pieceBits.length * 8L)
        + ShardCorpus.array(lineBuckets.length * 4L)
        + ShardCorpus.array(lineCounts.length * 4L)
        + lineBytes;
  }
}

package deli.search;

import deli.python.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a shard's files one after another into one array, with the tables a {@link ShardCorpus} keeps. */
final class CorpusLoader {
  final ShardSpec spec;
  byte[] text;
  int size;
  final List<String> paths = new ArrayList<>();
  final ShardCorpus.Ints fileStart = new ShardCorpus.Ints(1024);
  final ShardCorpus.Ints firstLine = new ShardCorpus.Ints(1024);
  final ShardCorpus.Ints lineStarts;
  final List<Boolean> ascii = new ArrayList<>();
  int notUtf8;

  CorpusLoader(ShardSpec spec, int expected) {
    this.spec = spec;
    this.text = new byte[expected];
    // Source lines average 30 to 40 bytes: sized so, the table seldom grows while loading.
    this.lineStarts = new ShardCorpus.Ints(expected / 30 + 1024);
  }

  /** Reads and keeps {@code file}, unless it is a directory (see {@link #fill}). */
  void read(Path file, String rel) throws IOException {
    int from = fill(file);
    if (from >= 0) {
      add(rel, from);
    }
  }

  /**
   * Reads {@code file}'s bytes after those already read; returns where they start. Nothing else is
   * kept of it until {@link #add}. A walk may hand over a link to a directory as a file (it goes
   * by link counts, which count no link: {@link deli.python.OsWalk#entries(String, int,
   * java.util.function.Predicate, java.util.function.Predicate)}): that is no file to
   * {@code os.walk} either, and is skipped, -1.
   */
  int fill(Path file) throws IOException {
    int from = size;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        if (size == text.length) {
          long grown = Math.min(ShardCorpus.MAX_BYTES, Math.max(text.length + (text.length >> 1), text.length + 65536L));
          if (grown == text.length) {
            throw new IOException("this shard is full (2 GB): use more shards");
          }
          text = Arrays.copyOf(text, (int) grown);
        }
        int asked = text.length - size;
        int n = in.read(text, size, asked);
        if (n < 0) {
          break;
        }
        size += n;
        if (size - from > spec.maxFileBytes()) {
          size = from;
          throw new IOException("larger than " + spec.maxFileBytes() + " bytes, left out");
        }
        if (n < asked) {
          // A file's read returns less than asked only at its end: the read that would say so
          // is spared (one system call a file, 13,000 over the Python library).
          break;
        }
      }
    } catch (IOException e) {
      size = from;
      if (Files.isDirectory(file)) {
        return -1;
      }
      throw e;
    }
    return from;
  }

  /** Keeps the bytes read from {@code from} as the file {@code rel}: its kind, its place, its lines. */
  void add(String rel, int from) {
    int kind = Utf8.classify(text, from, size);
    if (kind == Utf8.INVALID) {
      notUtf8++;
    }
    paths.add(rel);
    ascii.add(kind == Utf8.ASCII);
    fileStart.add(from);
    firstLine.add(lineStarts.size());
    for (int at = from; at < size; ) {
      lineStarts.add(at);
      int nl = ShardCorpus.newline(text, at, size);
      at = nl < 0 ? size : nl + 1;
    }
  }

  /**
   * What was read since the last {@link #reset}, as a corpus that shares this loader's text
   * buffer: search it, keep what the search copied out (the matching lines), then reset.
   */
  ShardCorpus batch() {
    int[] starts = fileStart.toArray();
    int[] firsts = firstLine.toArray();
    int[] fs = Arrays.copyOf(starts, starts.length + 1);
    fs[starts.length] = size;
    int[] fl = Arrays.copyOf(firsts, firsts.length + 1);
    fl[firsts.length] = lineStarts.size();
    boolean[] asciiFiles = new boolean[ascii.size()];
    for (int i = 0; i < asciiFiles.length; i++) {
      asciiFiles[i] = ascii.get(i);
    }
    return new ShardCorpus(
        spec, paths.toArray(String[]::new), text, fs, fl, lineStarts.toArray(), asciiFiles, notUtf8, List.of(), null, 0, 0);
  }

  /** Forgets the files read, keeping the buffers for the next ones. */
  void reset() {
    size = 0;
    paths.clear();
    fileStart.clear();
    firstLine.clear();
    lineStarts.clear();
    ascii.clear();
    notUtf8 = 0;
  }

  ShardCorpus corpus(List<ShardCorpus.Problem> problems, long nanos) {
    fileStart.add(size);
    firstLine.add(lineStarts.size());
    // Files shrank or went missing since their sizes were taken: give the slack back.
    byte[] kept = text.length - size > (text.length >> 4) ? Arrays.copyOf(text, size) : text;
    boolean[] asciiFiles = new boolean[ascii.size()];
    for (int i = 0; i < asciiFiles.length; i++) {
      asciiFiles[i] = ascii.get(i);
    }
    return new ShardCorpus(
        spec,
        paths.toArray(String[]::new),
        kept,
        fileStart.toArray(),
        firstLine.toArray(),
        lineStarts.toArray(),
        asciiFiles,
        notUtf8,
        problems,
        null,
        nanos,
        0);
  }
}

package deli.trace.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --trace} costs the quiet dinner (issue 15): a benchmark, not a test (no timing is
 * asserted anywhere). Runs {@code deli philosophers --servings N --eat 0 --think 0 --quiet}, with
 * or without {@code --trace FILE}, several times in this JVM through {@code deli.Main.execute},
 * and prints to stderr one tab-separated line per dinner (the dinner's own result line, with its
 * meals and seconds, goes to stdout): the case, CPU nanoseconds of the dinner's dispatcher thread and of the trace writer thread
 * (ThreadMXBean, sampled every 10 ms, since both die with the dinner's actor system), CPU
 * nanoseconds of the whole process while either of them worked (GC and compilers included), the
 * trace file's lines and bytes. {@code scripts/bench trace} runs it, a JVM per case in turns,
 * and sums the lines up; the first dinner of each JVM is dropped there (warm-up).
 *
 * <p>Usage: {@code TraceBench CASE DINNERS SERVINGS DIR}, CASE one of {@code untraced},
 * {@code sample} ({@code --trace-sample 0.01}) and {@code all}.
 */
public final class TraceBench {
  private static final long SAMPLE_MS = 10;

  private TraceBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: TraceBench untraced|sample|all DINNERS SERVINGS DIR");
      System.exit(2);
    }
    String kase = args[0];
    int dinners = Integer.parseInt(args[1]);
    String servings = args[2];
    Path dir = Path.of(args[3]);
    PrintStream out = System.out;
    PrintStream err = System.err;
    for (int i = 0; i < dinners; i++) {
      Path file = dir.resolve("bench-" + ProcessHandle.current().pid() + ".jsonl");
      Files.deleteIfExists(file); // --trace appends
      List<String> cmd = new ArrayList<>(List.of("philosophers", "--servings", servings, "--eat", "0", "--think", "0", "--quiet"));
      switch (kase) {
        case "untraced" -> {}
        case "sample" -> cmd.addAll(List.of("--trace", file.toString(), "--trace-sample", "0.01"));
        case "all" -> cmd.addAll(List.of("--trace", file.toString()));
        default -> throw new IllegalArgumentException("no case " + kase);
      }
      Sampler sampler = new Sampler();
      sampler.start();
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
      System.setOut(capture);
      System.setErr(capture);
      int code;
      try {
        code = deli.Main.execute(cmd.toArray(String[]::new));
      } finally {
        System.setOut(out);
        System.setErr(err);
        sampler.finish();
      }
      if (code != 0) {
        System.err.println("TraceBench: the dinner failed (exit " + code + "): " + captured.toString(StandardCharsets.UTF_8));
        System.exit(1);
      }
      long lines = 0;
      long bytes = 0;
      if (Files.exists(file)) {
        bytes = Files.size(file);
        lines = countLines(file);
        Files.delete(file);
      }
      // The dinner's own line (meals, seconds) goes to file descriptor 1 directly, past
      // System.out: the script pairs it with this one.
      System.err.printf(
          Locale.ROOT, "bench\t%s\t%d\t%d\t%d\t%d\t%d%n", kase, sampler.dinner, sampler.writer, sampler.window(), lines, bytes);
      System.err.flush();
    }
    System.exit(0);
  }

  private static long countLines(Path file) throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (var in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    }
    return n;
  }

  /**
   * Samples the CPU time of the dinner's and the writer's threads (by name) and of the process.
   * The process's CPU is counted over the samples in which either thread moved by more than a
   * millisecond: the dinner and its trace's writing, not the actor system's start and stop.
   */
  private static final class Sampler extends Thread {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> last = new HashMap<>();
    private volatile boolean stop;
    long dinner;
    long writer;
    private long windowCpu;
    private long lastProcess;
    private long lastBusy;

    Sampler() {
      super("trace-bench-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      lastProcess = os.getProcessCpuTime();
      while (!stop) {
        sample();
        try {
          Thread.sleep(SAMPLE_MS);
        } catch (InterruptedException e) {
          break; // finished: one last sample
        }
      }
      sample();
    }

    private void sample() {
      long moved = 0;
      Thread[] all = new Thread[Thread.activeCount() + 16];
      int n = Thread.enumerate(all);
      for (int i = 0; i < n; i++) {
        Thread t = all[i];
        String name = t.getName();
        boolean isDinner = name.contains("philosophers-dispatcher");
        boolean isWriter = name.equals("deli-trace-writer");
        if (!isDinner && !isWriter) {
          continue;
        }
        long cpu = threads.getThreadCpuTime(t.getId());
        if (cpu < 0) {
          continue; // died meanwhile
        }
        Long before = last.put(t.getId(), cpu);
        long delta = cpu - (before == null ? 0 : before);
        moved = Math.max(moved, delta);
        if (isDinner) {
          dinner += delta;
        } else {
          writer += delta;
        }
      }
      long process = os.getProcessCpuTime();
      long busy = moved > 1_000_000 ? 1 : 0;
      if (busy != 0 || lastBusy != 0) {
        windowCpu += process - lastProcess; // the sample the work ended in counts too
      }
      lastBusy = busy;
      lastProcess = process;
    }

    long window() {
      return windowCpu;
    }

    void finish() throws InterruptedException {
      stop = true;
      interrupt();
      join();
    }
  }
}

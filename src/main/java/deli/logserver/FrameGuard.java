package deli.logserver;

import deli.core.Durations;
import java.time.Duration;
import java.util.Locale;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * Watches a connection's bytes ahead of {@code Framing.lengthField}, following the 4-byte
 * headers only, and fails the connection with a {@link BadInput} that says what went wrong:
 *
 * <ul>
 *   <li>a header announcing more than {@code maxFrame} bytes (garbage usually does);
 *   <li>the connection ending, or stalling for {@code idleTimeout}, inside a frame;
 *   <li>a client that sends nothing at all for {@code idleTimeout};
 *   <li>a frame that takes longer than {@code frameTimeout} to arrive, all of it, however
 *       steadily its bytes come (a byte every 100 ms never trips the idle clock: slowloris).
 * </ul>
 *
 * A client may stay quiet between frames for as long as it likes (an application that logs
 * once an hour). Both clocks run only while the stage waits for bytes it has asked for, so
 * a slow disk that holds the connection back is never taken for a silent or slow client.
 *
 * <p>It fails only when it has been asked for more bytes: {@code Framing} asks only when it
 * holds no complete frame, so every frame received before the bad bytes goes on downstream.
 */
final class FrameGuard extends GraphStage<FlowShape<ByteString, ByteString>> {
  private static final String IDLE = "idle";
  private static final String FRAME = "frame";

  private final Inlet<ByteString> in = Inlet.create("FrameGuard.in");
  private final Outlet<ByteString> out = Outlet.create("FrameGuard.out");
  private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
  private final int maxFrame;
  private final Duration idleTimeout;
  private final long frameTimeoutNanos;

  FrameGuard(int maxFrame, Duration idleTimeout, Duration frameTimeout) {
    this.maxFrame = maxFrame;
    this.idleTimeout = idleTimeout;
    this.frameTimeoutNanos = frameTimeout.toNanos();
  }

  @Override
  public FlowShape<ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new TimerGraphStageLogic(shape) {
      private int headerHave;
      private long header;
      private long frameSize;
      private long remaining;
      private long received;
      private BadInput pending;
      // The time spent waiting for the bytes of the frame under way, and since when it waits.
      private long frameWaited;
      private long waitingSince;

      {
        setHandler(
            in,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                cancelTimer(IDLE);
                cancelTimer(FRAME);
                if (midFrame()) {
                  frameWaited += System.nanoTime() - waitingSince;
                }
                ByteString chunk = grab(in);
                received += chunk.length();
                int cut = scan(chunk);
                if (cut < 0) {
                  push(out, chunk);
                } else if (cut > 0) {
                  push(out, chunk.take(cut)); // the frames before the bad header go on; fail on the next pull
                } else {
                  failStage(pending);
                }
              }

              @Override
              public void onUpstreamFinish() {
                ended("the connection closed");
              }

              @Override
              public void onUpstreamFailure(Throwable ex) {
                ended("the connection broke (" + ex.getMessage() + ")");
              }
            });
        setHandler(
            out,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                if (pending != null) {
                  failStage(pending);
                  return;
                }
                if (isClosed(in)) {
                  completeStage();
                  return;
                }
                pull(in);
                if (!idleTimeout.isZero() && (received == 0 || midFrame())) {
                  scheduleOnce(IDLE, idleTimeout);
                }
                if (frameTimeoutNanos > 0 && midFrame()) {
                  waitingSince = System.nanoTime();
                  scheduleOnce(FRAME, Duration.ofNanos(Math.max(1, frameTimeoutNanos - frameWaited)));
                }
              }
            });
      }

      private boolean midFrame() {
        return headerHave > 0 || remaining > 0;
      }

      /** Follows the headers through {@code chunk}; the offset of a bad header, or -1. */
      private int scan(ByteString chunk) {
        int n = chunk.length();
        int i = 0;
        while (i < n) {
          if (remaining > 0) {
            int take = (int) Math.min(remaining, n - i);
            remaining -= take;
            i += take;
            continue;
          }
          if (headerHave == 0) {
            frameWaited = 0; // a new frame: its own clock
          }
          header = (header << 8) | (chunk.apply(i) & 0xff);
          headerHave++;
          i++;
          if (headerHave == 4) {
            long size = header & 0xffffffffL;
            headerHave = 0;
            header = 0;
            if (size > maxFrame) {
              pending = new BadInput(BadInput.Reason.OVERSIZE, oversize(size, chunk, i - 4));
              return Math.max(0, i - 4);
            }
            frameSize = size;
            remaining = size;
          }
        }
        return -1;
      }

      private void ended(String how) {
        if (pending == null && midFrame()) {
          pending =
              new BadInput(BadInput.Reason.TRUNCATED, how + " in the middle of a frame (" + progress() + ")");
        }
        if (pending == null) {
          completeStage();
        } else if (isAvailable(out)) {
          failStage(pending);
        }
        // else: fail on the next pull, once Framing has passed on every complete frame
      }

      @Override
      public void onTimer(Object key) {
        if (FRAME.equals(key)) {
          failStage(
              new BadInput(
                  BadInput.Reason.SLOW,
                  "took more than --frame-timeout (" + Durations.format(Duration.ofNanos(frameTimeoutNanos)) + ") to send one frame ("
                      + progress() + ")"));
          return;
        }
        String after = Durations.format(idleTimeout);
        if (received == 0) {
          failStage(new BadInput(BadInput.Reason.SILENT, "sent nothing in " + after));
        } else {
          failStage(
              new BadInput(
                  BadInput.Reason.TRUNCATED, "sent nothing for " + after + " in the middle of a frame (" + progress() + ")"));
        }
      }

      private String progress() {
        if (headerHave > 0) {
          return "got " + headerHave + " of the 4 header bytes";
        }
        return String.format(Locale.ROOT, "got %,d of its %,d bytes", frameSize - remaining, frameSize);
      }
    };
  }

  private String oversize(long size, ByteString chunk, int at) {
    StringBuilder s =
        new StringBuilder(String.format(Locale.ROOT, "a frame header announces %,d bytes, over --max-frame (%,d)", size, maxFrame));
    if (at >= 0 && at + 4 <= chunk.length()) {
      String text = chunk.slice(at, at + 4).decodeString(java.nio.charset.StandardCharsets.ISO_8859_1);
      if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        s.append(": the bytes '").append(text).append("' look like text, not a SocketHandler");
      }
    }
    return s.toString();
  }
}

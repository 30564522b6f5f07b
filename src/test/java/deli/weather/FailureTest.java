package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureTest {
  private static final Zone ANZ531 = Zones.CHESAPEAKE_BAY.get(0);

  @Test
  void timeoutsBrokenConnectionsServerErrors408And429AreTransientOthersAreNot() {
    assertTrue(Failure.timeout("t").isTransient());
    assertTrue(Failure.connection("c").isTransient());
    for (int status : new int[] {500, 502, 503, 504, 408, 429}) {
      assertTrue(Failure.status(status, "").isTransient(), "" + status);
    }
    for (int status : new int[] {400, 403, 404, 410}) {
      assertFalse(Failure.status(status, "").isTransient(), "" + status);
    }
    assertFalse(Failure.unparsable("u").isTransient());
    assertEquals("HTTP 404 Not Found", Failure.status(404, "Not Found").toString());
  }

  @Test
  void pekkoHttpsExceptionsBecomeFailuresAUserUnderstands() {
    Duration t = Duration.ofSeconds(10);
    Exception refused =
        new CompletionException(
            new RuntimeException(
                "Tcp command [Connect(127.0.0.1/<unresolved>:1,None,List(),Some(10 seconds),true)] failed because of java.net.ConnectException: Connection refused",
                new ConnectException("Connection refused")));
    assertEquals(Failure.connection("connection refused by 127.0.0.1:1"), Failures.of(refused, "127.0.0.1:1", t));
    assertEquals(
        Failure.connection("cannot resolve the host tgftp.nws.noaa.gov"),
        Failures.of(new RuntimeException(new UnknownHostException("tgftp.nws.noaa.gov")), "tgftp.nws.noaa.gov:443", t));
    assertEquals(Failure.timeout("timed out after 10s"), Failures.of(new TimeoutException("idle"), "h:80", t));
    assertEquals(
        Failure.connection("the connection to h:80 failed: The connection closed with error: Connection reset"),
        Failures.of(new RuntimeException("The connection closed with error: Connection reset"), "h:80", t));
  }

  @Test
  void everyKindOfNetworkTroubleIsNamedForTheUserFromTheCauseThatSaysIt() {
    Duration t = Duration.ofMillis(2500);
    assertEquals(Failure.connection("no route to h:80"), Failures.of(new CompletionException(new java.net.NoRouteToHostException("x")), "h:80", t));
    assertEquals(Failure.connection("no route to h:80"), Failures.of(new RuntimeException("connect: Network is unreachable"), "h:80", t));
    assertEquals(Failure.connection("no route to h:80"), Failures.of(new RuntimeException("No route to host"), "h:80", t));
    assertEquals(Failure.connection("connection refused by h:80"), Failures.of(new RuntimeException("Connection refused (by peer)"), "h:80", t));
    assertEquals(
        Failure.connection("TLS with h:443 failed: PKIX path building failed"),
        Failures.of(new RuntimeException(new javax.net.ssl.SSLHandshakeException("PKIX path building failed")), "h:443", t));
    // Pekko's own exception for a document past the client's max-content-length.
    Failure large = Failures.of(new org.apache.pekko.http.scaladsl.model.EntityStreamSizeException(1024L, scala.Option.empty()), "h:80", t);
    assertEquals(Failure.Kind.UNPARSABLE, large.kind());
    assertTrue(large.detail().startsWith("the document is too large ("), large.detail());
    assertFalse(large.isTransient());
    for (String timedOut : new String[] {"Connect timed out", "Idle timeout of 10 s reached"}) {
      assertEquals(Failure.timeout("timed out after 2.5s"), Failures.of(new RuntimeException(timedOut), "h:80", t), timedOut);
    }
    assertEquals(Failure.timeout("timed out after 2.5s"), Failures.of(new IllegalStateException(new org.apache.pekko.pattern.AskTimeoutException("x")), "h:80", t));
    assertEquals(Failure.timeout("timed out after 2.5s"), Failures.timedOut(t));
  }

  @Test
  void aHostThatDoesNotResolveIsNamedWithoutItsPortEvenInBracketsOrWithoutOne() {
    Duration t = Duration.ofSeconds(1);
    assertEquals(
        Failure.connection("cannot resolve the host nowhere.invalid"),
        Failures.of(new RuntimeException("nowhere.invalid: Name or service not known"), "nowhere.invalid:443", t));
    assertEquals(Failure.connection("cannot resolve the host [::1]"), Failures.of(new RuntimeException("java.net.UnknownHostException: x"), "[::1]:8080", t));
    assertEquals(Failure.connection("cannot resolve the host [::1]"), Failures.of(new UnknownHostException("x"), "[::1]", t));
    assertEquals(Failure.connection("cannot resolve the host plain"), Failures.of(new UnknownHostException("x"), "plain", t));
  }

  @Test
  void anyOtherFailureIsTheFirstLineOfItsRootCauseOrItsTypeCutTo200Characters() {
    Duration t = Duration.ofSeconds(1);
    assertEquals(
        Failure.connection("the connection to h:80 failed: IllegalStateException"),
        Failures.of(new RuntimeException(new IllegalStateException()), "h:80", t));
    assertEquals(Failure.connection("the connection to h:80 failed: EOFException"), Failures.of(new java.io.EOFException("  "), "h:80", t));
    assertEquals(
        Failure.connection("the connection to h:80 failed: first line"),
        Failures.of(new RuntimeException("wrapped", new RuntimeException("  first line  \nsecond line")), "h:80", t));
    String detail = Failures.of(new RuntimeException("x".repeat(300)), "h:80", t).detail();
    assertEquals("the connection to h:80 failed: " + "x".repeat(197) + "...", detail);
  }

  @Test
  void onlyA2xxIsAForecastA1xxOrA3xxIsAFailureByItsStatus() {
    for (int status : new int[] {199, 300, 301}) {
      Failures.Judged j = Failures.judge(ANZ531, new ForecastClient.Answer(status, "R", "", Optional.empty()));
      assertEquals(Failure.status(status, "R"), j.failure(), "" + status);
      assertEquals(null, j.advisory());
    }
  }

  @Test
  void anAnswerIsAForecastOnlyWhenItIsA2xxThatNamesItsZone() {
    String doc = ForecastDocs.sample("ANZ531");
    assertEquals(
        new Failures.Judged("SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 AM EST WEDNESDAY", null),
        Failures.judge(ANZ531, new ForecastClient.Answer(200, "OK", doc, Optional.empty())));
    assertEquals(
        Failure.status(503, "Service Unavailable"),
        Failures.judge(ANZ531, new ForecastClient.Answer(503, "Service Unavailable", "", Optional.empty())).failure());
    assertEquals(
        Failure.Kind.UNPARSABLE,
        Failures.judge(ANZ531, new ForecastClient.Answer(200, "OK", "<html><body>hi</body></html>", Optional.empty())).failure().kind());
  }

  @Test
  void backoffDoublesWithJitterUpToItsCapAndHeedsRetryAfterWithinTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    SplittableRandom r = new SplittableRandom(3);
    for (int retry = 1; retry <= 6; retry++) {
      long base = Math.min(100L << (retry - 1), 1000);
      long ms = b.delay(retry, Optional.empty(), r).toMillis();
      assertTrue(ms >= base * 0.8 - 1 && ms <= Math.min(base * 1.2, 1000), "retry " + retry + ": " + ms);
    }
    assertEquals(Duration.ofSeconds(1), b.delay(1, Optional.of(Duration.ofSeconds(120)), r));
    assertEquals(Optional.of(Duration.ofSeconds(5)), ForecastClient.seconds(" 5 "));
    assertEquals(Optional.empty(), ForecastClient.seconds("Wed, 21 Oct 2026 07:28:00 GMT"));
  }
}

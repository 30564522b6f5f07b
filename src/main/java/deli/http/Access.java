package deli.http;

import deli.service.Json;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.SameSite;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Who may use the node's API. On loopback, anyone on the machine (unless a token is set);
 * anywhere else, only a caller with the token ({@code Authorization: Bearer TOKEN}), and a node
 * told to listen beyond loopback without one refuses to start. {@code /health} stays open, for
 * liveness probes.
 */
public final class Access {
  private Access() {}

  /** Why the node must not listen on {@code host} with {@code token} (blank: none), if it must not. */
  public static Optional<String> refusal(String host, String token) {
    if (!token.isBlank() || loopback(host)) {
      return Optional.empty();
    }
    return Optional.of(
        "listening on " + host + " (beyond this machine) needs a token: set DELI_TOKEN or deli.http.token, "
            + "or listen on 127.0.0.1 (--http-host)");
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The cookie a browser keeps the token in, once it opened the page as {@code /?token=TOKEN}. */
  static final String COOKIE = "deli-token";

  /**
   * {@code inner} behind the token when one is set: {@code Authorization: Bearer TOKEN}, or, for a
   * browser (whose EventSource cannot send headers), the {@link #COOKIE} that {@code GET /?token=TOKEN}
   * sets (HttpOnly, SameSite=Strict: other sites' pages cannot send it).
   */
  static Route guard(String token, Json json, Route inner) {
    if (token.isBlank()) {
      return inner;
    }
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    byte[] bare = token.getBytes(StandardCharsets.UTF_8);
    return Directives.extractUnmatchedPath(
        path ->
            path.equals("/health")
                ? inner
                : Directives.optionalHeaderValueByName(
                    "Authorization",
                    given ->
                        Directives.optionalCookie(
                            COOKIE,
                            cookie ->
                                Directives.parameterOptional(
                                    "token",
                                    query -> {
                                      if (given.isPresent() && same(expected, given.get())) {
                                        return inner;
                                      }
                                      if (cookie.isPresent() && same(bare, cookie.get().value())) {
                                        return inner;
                                      }
                                      if (path.equals("/") && query.isPresent() && same(bare, query.get())) {
                                        return Directives.setCookie(
                                            HttpCookie.create(COOKIE, token).withPath("/").withHttpOnly(true).withSameSite(SameSite.Strict),
                                            () -> inner);
                                      }
                                      return Directives.respondWithHeader(
                                          WWWAuthenticate.create(HttpChallenge.create("Bearer", "deli")),
                                          () ->
                                              json.error(
                                                  StatusCodes.UNAUTHORIZED,
                                                  given.isPresent() || cookie.isPresent() || query.isPresent()
                                                      ? "the token is not this node's"
                                                      : "this node wants a token: Authorization: Bearer TOKEN"));
                                    }))));
  }

  // MessageDigest.isEqual takes the same time wherever the first difference is.
  private static boolean same(byte[] expected, String given) {
    return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
  }
}

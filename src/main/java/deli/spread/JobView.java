package deli.spread;

import java.util.Map;

/**
 * A spread job as the node's live page shows it, published a few times a second while it runs
 * and once as it ends.
 *
 * @param kind the front that runs it ({@code factor}, {@code tune})
 * @param state {@code running}, {@code done} or {@code failed}
 * @param done units answered so far, of {@code total}
 * @param byNode units each node answered (by {@code host:port})
 * @param seconds since the job started
 */
public record JobView(String kind, String state, long done, long total, Map<String, Long> byNode, double seconds) {
  public JobView {
    byNode = Map.copyOf(byNode);
  }
}

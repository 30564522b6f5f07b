package deli.service;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.eventstream.EventStream;

/**
 * What a program shows on the node's live page: the latest state of one thing it runs (a
 * dinner's table, a job's progress), published on the system's event stream. The page's hub
 * keeps the latest per {@code topic} and {@code key} and drops the ones in between, so a program
 * publishes samples at its own pace (a few per second), never one per message it handles. On a
 * node no one watches, a publish is one message to the event stream and goes no further.
 *
 * @param topic the kind of thing: the name of the event the page draws ({@code dinner}, {@code job})
 * @param key which one: its trace id
 * @param data its state, written as JSON with the node's mapper
 * @param last whether this is its final state (the hub remembers a few for late viewers)
 */
public record Live(String topic, String key, Object data, boolean last) {

  /** Publishes {@code data} as the state now of {@code topic} {@code key}. */
  public static void publish(ActorSystem<?> system, String topic, String key, Object data, boolean last) {
    system.eventStream().tell(new EventStream.Publish<>(new Live(topic, key, data, last)));
  }
}

package deli.node;

import deli.core.DeliException;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in one line, without a stack trace, why a service's actor failed with a
 * {@link DeliException}: a failure the user can act on (the log file held by another node, a
 * file that is not there), which the node's supervisor then restarts, with backoff, without
 * Pekko's own report of it. Any other exception is a bug and passes by untouched, for the
 * supervisor to report with its stack trace.
 */
final class FailureLine<T> extends BehaviorInterceptor<T, T> {
  // A logger of its own: the actor's, taken here first, would be named after this class.
  private static final Logger LOG = LoggerFactory.getLogger(FailureLine.class);

  private final String service;

  FailureLine(Class<T> protocol, String service) {
    super(protocol);
    this.service = service;
  }

  @Override
  public Behavior<T> aroundStart(TypedActorContext<T> ctx, PreStartTarget<T> target) {
    try {
      return target.start(ctx);
    } catch (DeliException e) {
      throw said(e);
    }
  }

  @Override
  public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
    try {
      return target.apply(ctx, msg);
    } catch (DeliException e) {
      throw said(e);
    }
  }

  private DeliException said(DeliException e) {
    LOG.error("{}: {}; restarting it", service, e.getMessage());
    return e;
  }

  /** One interceptor per service is the same as another: Pekko keeps one of two nested alike. */
  @Override
  public boolean isSame(BehaviorInterceptor<Object, Object> other) {
    return other instanceof FailureLine<?> f && f.service.equals(service);
  }
}

package io.tally.query.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one LISTEN connection of this instance. The projection pg-orders NOTIFYs on {@value #CHANNEL} when a batch
 * commits (its PgTables.CHANNEL), naming the tenant and the orders changed; nothing here polls. When the
 * connection drops it is re-established, and since notices sent meanwhile are lost, every client resyncs.
 */
public final class OrderChangeListener {
  public static final String CHANNEL = "order_changes";
  private static final Logger LOG = LoggerFactory.getLogger(OrderChangeListener.class);
  private static final long RETRY_MS = 1_000;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final LiveHub hub;
  private PgSubscriber subscriber;
  private boolean subscribedBefore;
  private volatile boolean listening;
  private boolean stopped;

  public OrderChangeListener(Vertx vertx, PgConnectOptions options, LiveHub hub) {
    this.vertx = vertx;
    this.options = options;
    this.hub = hub;
  }

  /** Completes once listening; if Postgres is not there yet, keeps trying in the background and completes. */
  public Future<Void> start() {
    subscriber = PgSubscriber.subscriber(vertx, options)
        .reconnectPolicy(attempt -> stopped ? -1L : RETRY_MS)
        .closeHandler(v -> listening = false);
    PgChannel channel = subscriber.channel(CHANNEL);
    channel.handler(payload -> ChangeNotice.parse(payload).ifPresentOrElse(hub::changed,
        () -> LOG.warn("ignoring a notice on {} that is not a change notice: {}", CHANNEL, payload)));
    channel.subscribeHandler(v -> {
      listening = true;
      if (subscribedBefore) {
        LOG.info("listening on {} again; live clients resync", CHANNEL);
        hub.resyncAll();
      }
      subscribedBefore = true;
    });
    connect();
    return Future.succeededFuture();
  }

  public boolean listening() {
    return listening;
  }

  public Future<Void> stop() {
    stopped = true;
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  private void connect() {
    subscriber.connect().onFailure(e -> {
      if (!stopped) {
        LOG.warn("cannot LISTEN on {} yet ({}); retrying", CHANNEL, e.getMessage());
        vertx.setTimer(RETRY_MS, t -> connect());
      }
    });
  }
}

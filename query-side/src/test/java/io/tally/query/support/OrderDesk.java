package io.tally.query.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventEnvelope;
import io.tally.events.EventIds;
import io.tally.events.EventJson;
import io.tally.order.CommandParser;
import io.tally.order.Decision;
import io.tally.order.EventEnvelopes;
import io.tally.order.OrderCommand;
import io.tally.order.OrderLifecycle;
import io.tally.order.OrderState;
import io.tally.order.ParseResult;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.runtime.SinkBatch;
import io.tally.projection.runtime.ProjectionSink;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Commands decided by the real order lifecycle (event-schemas) and written by the real projection sinks, without
 * Kafka in between: what the projections would commit for these commands, and the NOTIFY they send. For tests
 * that need precise control over when a change commits; the end-to-end tests use the real command side.
 */
public final class OrderDesk {
  private final List<ProjectionSink> sinks;
  private final Map<String, OrderState> states = new HashMap<>();
  private final EventIds ids = EventIds.system();
  private long nextOffset;

  public OrderDesk(ProjectionSink... sinks) {
    this.sinks = List.of(sinks);
  }

  /** Decides and applies one command (JSON as posted to the command API); fails on a rejected command. */
  public synchronized List<EventEnvelope> submit(String tenant, String commandJson) {
    List<ProjectedEvent> events = decide(tenant, commandJson);
    apply(events);
    return events.stream().map(ProjectedEvent::envelope).toList();
  }

  /** Decides many commands and applies them as one batch, as a projection would after a busy poll. */
  public synchronized void submitBatch(String tenant, List<String> commands) {
    List<ProjectedEvent> all = new ArrayList<>();
    commands.forEach(c -> all.addAll(decide(tenant, c)));
    apply(all);
  }

  public Future<Void> applyAsync(List<ProjectedEvent> events) {
    Future<Void> chain = Future.succeededFuture();
    SinkBatch batch = new SinkBatch(events, Map.of(0, nextOffset));
    for (ProjectionSink sink : sinks) {
      chain = chain.compose(v -> sink.apply(batch));
    }
    return chain;
  }

  public synchronized List<ProjectedEvent> decide(String tenant, String commandJson) {
    ObjectNode body;
    try {
      body = (ObjectNode) EventJson.read(commandJson);
    } catch (Exception e) {
      throw new IllegalArgumentException(commandJson, e);
    }
    if (!body.has("commandId")) {
      body.put("commandId", "cmd-" + ids.next());
    }
    ParseResult parsed = CommandParser.parse(tenant, body);
    if (!(parsed instanceof ParseResult.Parsed ok)) {
      throw new IllegalArgumentException("invalid command " + commandJson + ": " + parsed);
    }
    OrderCommand command = ok.command();
    String key = tenant + "/" + command.orderId();
    OrderState state = states.getOrDefault(key, OrderState.NONE);
    Decision decision = OrderLifecycle.decide(state, command);
    if (!(decision instanceof Decision.Accepted accepted)) {
      throw new IllegalStateException("rejected " + commandJson + ": " + decision);
    }
    List<EventEnvelope> envelopes = EventEnvelopes.of(command, accepted.events(), state.version() + 1, ids,
        Clock.systemUTC());
    List<ProjectedEvent> out = new ArrayList<>();
    for (int i = 0; i < envelopes.size(); i++) {
      state = OrderLifecycle.evolve(state, accepted.events().get(i));
      out.add(new ProjectedEvent(envelopes.get(i), accepted.events().get(i), 0, nextOffset++));
    }
    states.put(key, state);
    return out;
  }

  private void apply(List<ProjectedEvent> events) {
    Await.result(applyAsync(events));
  }

  public static String place(String orderId, String amount) {
    return "{\"type\":\"PlaceOrder\",\"orderId\":\"" + orderId + "\",\"customerId\":\"c-1\",\"amount\":\"" + amount
        + "\",\"currency\":\"EUR\"}";
  }

  public static String pay(String orderId, String amount) {
    return "{\"type\":\"PayOrder\",\"orderId\":\"" + orderId + "\",\"amount\":\"" + amount + "\"}";
  }

  public static String ship(String orderId) {
    return "{\"type\":\"ShipOrder\",\"orderId\":\"" + orderId + "\",\"carrier\":\"dhl\"}";
  }
}

package io.tally.projection;

import io.tally.events.Topics;
import io.tally.projection.ch.ChAnalyticsSink;
import io.tally.projection.pg.PgOrdersSink;
import io.tally.projection.runtime.BatchPolicy;
import io.tally.projection.runtime.RuntimeConfig;
import io.tally.service.Endpoints;
import io.tally.service.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Arrays;
import java.util.List;

/**
 * The projections' settings (all {@code tally.*}, system property › TALLY_* environment › default):
 * <ul>
 *   <li>{@code tally.topic.prefix}: prepended to every topic name (tests and side-by-side deployments)</li>
 *   <li>{@code tally.projections.enabled}: which projections run, default {@code pg-orders,ch-analytics}</li>
 *   <li>{@code tally.projection.<name>.batch.max-events} / {@code .batch.max-wait-ms}: the batch bounds</li>
 *   <li>{@code tally.projection.retry.initial-ms} / {@code .retry.max-ms}: backoff for a store that is down</li>
 *   <li>{@code tally.projection.<name>.replay.max-rate}: records per second a replay may read, 0 = unlimited</li>
 *   <li>{@code tally.projections.instance-id}: static group membership id, default the host name</li>
 * </ul>
 */
public record ProjectionSettings(Settings settings, Endpoints endpoints) {
  public static final String TOPIC_PREFIX = "tally.topic.prefix";
  public static final String ENABLED = "tally.projections.enabled";
  public static final String INSTANCE_ID = "tally.projections.instance-id";

  public static ProjectionSettings from(Settings settings) {
    return new ProjectionSettings(settings, Endpoints.from(settings));
  }

  public String eventsTopic() {
    return prefix() + Topics.EVENTS;
  }

  public String dlqTopic() {
    return prefix() + Topics.EVENTS_DLQ;
  }

  public List<String> enabled() {
    return Arrays.stream(settings.get(ENABLED, PgOrdersSink.NAME + "," + ChAnalyticsSink.NAME).split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public RuntimeConfig runtime(String projection) {
    boolean columnStore = projection.equals(ChAnalyticsSink.NAME);
    // Freshness comes from max-wait (a batch goes when its oldest event has waited that long), so max-events only
    // matters when events come faster than that: catching up. Postgres: 20,000, because with 5,000 a catch-up kept
    // the two cores busy only ~70 % of the time (one batch at a time, Postgres idle while the next is taken) and
    // reached 0.7x the rate of 20,000 in the same run. ClickHouse: large blocks, fewer parts.
    int maxEvents = settings.getInt(key(projection, "batch.max-events"), columnStore ? 50_000 : 20_000);
    int maxWaitMs = settings.getInt(key(projection, "batch.max-wait-ms"), columnStore ? 500 : 20);
    return new RuntimeConfig(endpoints.kafkaBootstrap(), eventsTopic(), dlqTopic(),
        prefix() + "tally-projection-" + projection, new BatchPolicy(maxEvents, Duration.ofMillis(maxWaitMs)),
        Duration.ofMillis(settings.getInt("tally.projection.retry.initial-ms", 200)),
        Duration.ofMillis(settings.getInt("tally.projection.retry.max-ms", 30_000)), instanceId());
  }

  /**
   * Static group membership: {@code tally.projections.instance-id}, by default the host name (a pod name under a
   * StatefulSet). Give each instance of a scaled-out deployment its own; "none" turns static membership off.
   */
  public Optional<String> instanceId() {
    String id = settings.get(INSTANCE_ID, hostName());
    return id.equals("none") ? Optional.empty() : Optional.of(id);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "projections";
    }
  }

  public long replayMaxRate(String projection) {
    return settings.getInt(key(projection, "replay.max-rate"), 0);
  }

  private String prefix() {
    return settings.get(TOPIC_PREFIX, "");
  }

  private static String key(String projection, String rest) {
    return "tally.projection." + projection + "." + rest;
  }
}

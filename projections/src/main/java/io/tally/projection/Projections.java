package io.tally.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.lake.LakeSettings;
import io.tally.projection.audit.AuditedStore;
import io.tally.projection.audit.Auditor;
import io.tally.projection.audit.ChAuditedStore;
import io.tally.projection.audit.PgAuditedStore;
import io.tally.projection.ch.ChAnalyticsSink;
import io.tally.projection.dlq.DeadLetterLog;
import io.tally.projection.dlq.Redrive;
import io.tally.projection.erasure.ErasureRegister;
import io.tally.projection.erasure.TenantErasure;
import io.tally.projection.pg.PgOrdersSink;
import io.tally.projection.replay.Replays;
import io.tally.projection.runtime.ErasedTenants;
import io.tally.projection.runtime.ProjectionRuntime;
import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.RecordDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The projections this process runs, by name, with what the admin API needs around them. */
public final class Projections {
  private final Map<String, ProjectionRuntime> runtimes;
  private final ProjectionSettings settings;
  private final Stores stores;
  private final Replays replays = new Replays();
  private final ErasedTenants erased;
  private final TenantErasure erasure;
  private final Vertx vertx;

  private Projections(Vertx vertx, Map<String, ProjectionRuntime> runtimes, ProjectionSettings settings,
                      Stores stores, ErasedTenants erased) {
    this.vertx = vertx;
    this.runtimes = runtimes;
    this.settings = settings;
    this.stores = stores;
    this.erased = erased;
    this.erasure = new TenantErasure(vertx, stores.postgres(), List.copyOf(runtimes.values()), erased, replays,
        LakeSettings.from(settings.settings()::find));
  }

  /**
   * Deploys one runtime verticle per enabled projection; each creates its tables as soon as its store answers,
   * and writes once the register of erased tenants has been read (it is kept fresh every few seconds).
   */
  public static Future<Projections> deploy(Vertx vertx, ProjectionSettings settings, Stores stores,
                                           MeterRegistry registry) {
    ErasedTenants erased = new ErasedTenants();
    Map<String, ProjectionRuntime> runtimes = new LinkedHashMap<>();
    for (String name : settings.enabled()) {
      runtimes.put(name, new ProjectionRuntime(sink(vertx, name, settings, stores), settings.runtime(name), registry,
          RecordDecoder::decodeAll, erased));
    }
    Future<Void> all = ErasureRegister.keepLoaded(vertx, stores.postgres(), erased);
    for (ProjectionRuntime runtime : runtimes.values()) {
      all = all.compose(v -> vertx.deployVerticle(runtime).mapEmpty());
    }
    return all.map(v -> new Projections(vertx, runtimes, settings, stores, erased));
  }

  static ProjectionSink sink(Vertx vertx, String name, ProjectionSettings settings, Stores stores) {
    return switch (name) {
      case PgOrdersSink.NAME -> new PgOrdersSink(stores.postgres(), settings.eventsTopic());
      case ChAnalyticsSink.NAME -> new ChAnalyticsSink(vertx, stores.clickHouse(), settings.eventsTopic());
      default -> throw new IllegalArgumentException("unknown projection '" + name + "' in "
          + ProjectionSettings.ENABLED + "; known: " + PgOrdersSink.NAME + ", " + ChAnalyticsSink.NAME);
    };
  }

  public Optional<ProjectionRuntime> get(String name) {
    return Optional.ofNullable(runtimes.get(name));
  }

  public List<String> names() {
    return List.copyOf(runtimes.keySet());
  }

  public Replays replays() {
    return replays;
  }

  public TenantErasure erasure() {
    return erasure;
  }

  public Pool postgres() {
    return stores.postgres();
  }

  public ProjectionSettings settings() {
    return settings;
  }

  public JsonObject describe(String name) {
    ProjectionRuntime runtime = runtimes.get(name);
    JsonObject json = runtime.status().toJson().put("sink", runtime.sink().describe());
    replays.progress(name).ifPresent(p -> json.put("replay", p.toJson()));
    return json;
  }

  public Auditor auditor() {
    List<AuditedStore> audited = new ArrayList<>();
    runtimes.forEach((name, runtime) -> {
      if (runtime.sink() instanceof ChAnalyticsSink) {
        // A sink instance of its own: reading the resume point must not touch the live sink's state.
        audited.add(new ChAuditedStore(new ChAnalyticsSink(vertx, stores.clickHouse(), settings.eventsTopic()),
            stores.clickHouse()));
      } else if (runtime.sink() instanceof PgOrdersSink) {
        audited.add(new PgAuditedStore(stores.postgres(), settings.eventsTopic()));
      }
    });
    return new Auditor(settings.endpoints().kafkaBootstrap(), settings.eventsTopic(), audited, erased);
  }

  public DeadLetterLog deadLetters() {
    return new DeadLetterLog(settings.endpoints().kafkaBootstrap(), settings.dlqTopic());
  }

  public Redrive redrive() {
    return new Redrive(deadLetters(), settings.endpoints().kafkaBootstrap(), settings.dlqTopic(), erased);
  }
}

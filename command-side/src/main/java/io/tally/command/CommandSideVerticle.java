package io.tally.command;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.command.auth.VerifiedTokenCache;
import io.tally.command.decider.Decider;
import io.tally.command.http.CommandGateway;
import io.tally.command.http.CommandHttpVerticle;
import io.tally.command.http.CommandMetrics;
import io.tally.command.http.OpenApiDocument;
import io.tally.command.outcomes.CommandPublisher;
import io.tally.command.outcomes.OutcomeFeed;
import io.tally.command.outcomes.OutcomeRecorder;
import io.tally.command.outcomes.OutcomeStore;
import io.tally.command.outcomes.PendingOutcomes;
import io.tally.command.outcomes.RecentOutcomes;
import io.tally.command.tenants.CommandSideSchema;
import io.tally.command.tenants.Quotas;
import io.tally.command.tenants.Tenant;
import io.tally.command.tenants.TenantCatalog;
import io.tally.command.tenants.TenantDirectory;
import io.tally.service.Endpoints;
import io.tally.service.Settings;
import io.tally.service.auth.TokenVerification;
import io.tally.service.auth.Tokens;
import io.tally.service.health.DependencyChecks;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command side's top verticle. Start order matters: topics and tables first, the results feed positioned
 * before any command can be sent (so no outcome goes unseen), then the decider, then HTTP. Stop runs backwards.
 */
public final class CommandSideVerticle extends VerticleBase {
  private final Settings raw;
  private final PrometheusMeterRegistry registry;
  private Pool pg;
  private CommandPublisher publisher;
  private OutcomeFeed feed;
  private OutcomeRecorder recorder;
  private final List<Decider> deciders = new ArrayList<>();
  private Buffer openApi;

  public CommandSideVerticle(Settings raw, PrometheusMeterRegistry registry) {
    this.raw = raw;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    CommandSettings s = CommandSettings.from(raw);
    Endpoints endpoints = Endpoints.from(raw);
    String bootstrap = endpoints.kafkaBootstrap();
    pg = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(endpoints.postgres()).using(vertx)
        .build();
    TenantCatalog catalog = new TenantCatalog(pg);
    TenantDirectory directory = new TenantDirectory(catalog);
    OutcomeStore store = new OutcomeStore(pg);
    PendingOutcomes pending = new PendingOutcomes();
    RecentOutcomes recent = new RecentOutcomes(s.recentOutcomes());
    return vertx.executeBlocking(() -> TopicSetup.ensure(bootstrap, s.topics(), s.partitions()))
        .compose(n -> CommandSideSchema.migrate(pg))
        .compose(v -> catalog.seed(s.seedTenants(), new Tenant.Quota(s.defaultRate(), s.defaultBurst()),
            s.defaultRetentionDays()))
        .compose(v -> directory.refresh())
        .compose(v -> TokenVerification.fromSettings(vertx, raw))
        .map(tokens -> Tokens.verifying(new VerifiedTokenCache(tokens.provider())))
        .compose(tokens -> vertx.executeBlocking(() -> {
          openApi = OpenApiDocument.load();
          publisher = CommandPublisher.start(bootstrap, s.topics().commands());
          feed = OutcomeFeed.start(bootstrap, s.topics().results(), pending, recent, registry);
          recorder = OutcomeRecorder.start(bootstrap, s.topics().scoped("tally-command-outcomes"),
              s.topics().results(), store, s.outcomeRetentionDays());
          for (int loop = 0; s.deciderEnabled() && loop < s.deciderThreads(); loop++) {
            deciders.add(Decider.start(bootstrap, s, registry, loop));
          }
          return tokens;
        }))
        .compose(tokens -> {
          directory.refreshEvery(vertx, s.tenantRefreshMillis());
          CommandGateway gateway = new CommandGateway(vertx, publisher, pending, recent, store);
          CommandHttpVerticle.Parts parts = new CommandHttpVerticle.Parts(s, registry, tokens, gateway, catalog,
              directory, new Quotas(registry), new CommandMetrics(registry), healthChecks(bootstrap), openApi);
          return vertx.deployVerticle(() -> new CommandHttpVerticle(parts),
              new DeploymentOptions().setInstances(s.httpInstances()));
        });
  }

  private Map<String, Handler<Promise<Status>>> healthChecks(String bootstrap) {
    Map<String, Handler<Promise<Status>>> checks = new LinkedHashMap<>();
    checks.put("kafka", DependencyChecks.kafka(vertx, bootstrap));
    checks.put("postgres", DependencyChecks.postgres(pg));
    checks.put("outcome-feed", p -> p.complete(feed.isRunning() ? Status.OK() : Status.KO()));
    checks.put("outcome-recorder", p -> p.complete(recorder.isRunning() ? Status.OK() : Status.KO()));
    if (!deciders.isEmpty()) {
      checks.put("decider", p -> {
        JsonArray loops = new JsonArray();
        boolean up = true;
        for (Decider d : deciders) {
          loops.add(new JsonObject().put("state", d.state()).put("ownedPartitions", d.ownedPartitions()));
          // Rebuilding is up: commands are accepted and wait (or get 202) until their partition is ready.
          up &= d.state().equals("running") || d.state().equals("rebuilding") || d.state().equals("starting");
        }
        JsonObject data = new JsonObject().put("loops", loops);
        p.complete(up ? Status.OK(data) : Status.KO(data));
      });
    }
    return checks;
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      List<AutoCloseable> parts = new ArrayList<>(deciders);
      parts.addAll(java.util.Arrays.asList(recorder, feed, publisher));
      for (AutoCloseable part : parts) {
        if (part != null) {
          part.close();
        }
      }
      return null;
    }).eventually(() -> pg.close());
  }
}

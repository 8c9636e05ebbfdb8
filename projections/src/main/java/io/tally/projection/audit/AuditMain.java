package io.tally.projection.audit;

import io.tally.projection.ProjectionSettings;
import io.tally.projection.Stores;
import io.tally.projection.ch.ChAnalyticsSink;
import io.tally.projection.erasure.ErasureRegister;
import io.tally.projection.pg.PgOrdersSink;
import io.tally.projection.runtime.ErasedTenants;
import io.tally.service.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The auditor as a command, configured like the service (TALLY_* environment or -Dtally.* properties):
 * {@code java -cp projections.jar io.tally.projection.audit.AuditMain [--tenant T]}. Prints the report as JSON;
 * exits 0 when every store matches the log, 2 when there are differences, 1 when the audit could not run.
 */
public final class AuditMain {
  private AuditMain() {}

  public static void main(String[] args) {
    String tenant = args.length == 2 && args[0].equals("--tenant") ? args[1] : null;
    if (args.length != 0 && tenant == null) {
      System.err.println("usage: AuditMain [--tenant T]");
      System.exit(1);
    }
    Vertx vertx = Vertx.vertx();
    int status;
    try {
      JsonObject report = run(vertx, ProjectionSettings.from(Settings.fromEnvironment()), tenant);
      System.out.println(report.encodePrettily());
      status = report.getBoolean("clean") ? 0 : 2;
    } catch (Exception e) {
      System.err.println("audit failed: " + e);
      status = 1;
    } finally {
      vertx.close();
    }
    System.exit(status);
  }

  public static JsonObject run(Vertx vertx, ProjectionSettings settings, String tenant) throws Exception {
    try (Stores stores = Stores.connect(vertx, settings.endpoints())) {
      List<AuditedStore> audited = new ArrayList<>();
      for (String name : settings.enabled()) {
        if (name.equals(PgOrdersSink.NAME)) {
          audited.add(new PgAuditedStore(stores.postgres(), settings.eventsTopic()));
        } else if (name.equals(ChAnalyticsSink.NAME)) {
          audited.add(new ChAuditedStore(new ChAnalyticsSink(vertx, stores.clickHouse(), settings.eventsTopic()),
              stores.clickHouse()));
        }
      }
      // Erased tenants are gone from the stores on purpose while their records are still in the log.
      ErasedTenants erased = new ErasedTenants();
      ErasureRegister.load(stores.postgres(), erased).toCompletionStage().toCompletableFuture()
          .get(1, TimeUnit.MINUTES);
      return new Auditor(settings.endpoints().kafkaBootstrap(), settings.eventsTopic(), audited, erased).run(tenant);
    }
  }
}

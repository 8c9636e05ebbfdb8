package io.tally.projection.erasure;

import io.tally.lake.LakeSettings;
import io.tally.lake.TenantDeletionRequests;
import io.tally.projection.replay.Replays;
import io.tally.projection.runtime.ErasedTenants;
import io.tally.projection.runtime.ProjectionRuntime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The platform-admin operation that erases one tenant's data from every store and removes it from the catalog:
 * <ol>
 *   <li>The projections stop writing the tenant (the in-memory register first, then the batch in flight is
 *       waited out), so nothing lands behind the deletes.</li>
 *   <li>One Postgres transaction: the tenant into deleted_tenants, every sink's deletes (Postgres rows in the
 *       transaction; ClickHouse mutations waited for before it commits), the catalog rows, and the lake's
 *       request in lake_tenant_deletions. Nothing in Postgres commits unless every view was erased.</li>
 *   <li>The lake, at once when its lock is free ({@link LakeErasure}); otherwise the request waits for the next
 *       lake run.</li>
 * </ol>
 * Idempotent: run again after any failure, or to see that nothing is left. Runs alone (no replay meanwhile).
 */
public final class TenantErasure {
  private final Vertx vertx;
  private final Pool postgres;
  private final List<ProjectionRuntime> runtimes;
  private final ErasedTenants erased;
  private final Replays replays;
  private final LakeErasure lake;

  public TenantErasure(Vertx vertx, Pool postgres, List<ProjectionRuntime> runtimes, ErasedTenants erased,
                       Replays replays, LakeSettings lake) {
    this.vertx = vertx;
    this.postgres = postgres;
    this.runtimes = List.copyOf(runtimes);
    this.erased = erased;
    this.replays = replays;
    this.lake = new LakeErasure(lake);
  }

  /** The report, or empty when a replay or another erasure is running (the API answers 409). */
  public Optional<Future<JsonObject>> start(String tenant) {
    if (!replays.beginErasure()) {
      return Optional.empty();
    }
    return Optional.of(run(tenant).onComplete(done -> replays.endErasure()));
  }

  private Future<JsonObject> run(String tenant) {
    long t0 = System.nanoTime();
    erased.add(tenant);
    ErasureReport report = new ErasureReport(tenant);
    return Future.all(runtimes.stream().map(r -> r.settle().timeout(2, TimeUnit.MINUTES)).toList())
        .compose(settled -> postgres.withTransaction(tx -> ErasureRegister.record(tx, tenant)
            .compose(v -> eraseViews(tx, tenant, report))
            .compose(v -> TenantCatalogRows.remove(tx, tenant))
            .compose(removed -> requestLake(tx, tenant).map(removed))))
        .compose(catalogRemoved -> {
          report.catalogRemoved(catalogRemoved);
          return vertx.executeBlocking(() -> lake.erase(tenant), false);
        })
        .map(lakeReport -> report.lake(lakeReport).toJson(System.nanoTime() - t0));
  }

  /** One sink after the other, in the transaction: each view's deletes, in the order the runtimes run. */
  private Future<Void> eraseViews(SqlConnection tx, String tenant, ErasureReport report) {
    Future<Void> chain = Future.succeededFuture();
    for (ProjectionRuntime runtime : runtimes) {
      chain = chain.compose(v -> runtime.sink().eraseTenant(tenant, tx)).map(erasure -> {
        report.add(erasure);
        return null;
      });
    }
    return chain;
  }

  private static Future<Void> requestLake(SqlConnection tx, String tenant) {
    return tx.query(TenantDeletionRequests.CREATE).execute()
        .compose(v -> tx.preparedQuery(TenantDeletionRequests.REQUEST).execute(Tuple.of(tenant)))
        .mapEmpty();
  }
}

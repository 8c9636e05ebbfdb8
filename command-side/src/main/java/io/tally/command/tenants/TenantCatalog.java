package io.tally.command.tenants;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tenant catalog table: the one place that says which tenants exist and what they may do. */
public final class TenantCatalog {
  private static final String COLUMNS =
      "id, display_name, commands_per_second, burst, retention_days, created_at, updated_at";
  private final Pool pool;

  public TenantCatalog(Pool pool) {
    this.pool = pool;
  }

  /**
   * Empty when a tenant with that id exists already, or existed and was deleted: ids are never reused, because
   * the log still holds a deleted tenant's records until its retention and every store drops that id's records
   * for good (see docs/lake.md, "Deleting a tenant").
   */
  public Future<Optional<Tenant>> create(String id, String displayName, Tenant.Quota quota, int retentionDays) {
    return pool.preparedQuery("INSERT INTO tenants (id, display_name, commands_per_second, burst, retention_days) "
            + "SELECT $1::text, $2::text, $3::int, $4::int, $5::int"
            + " WHERE NOT EXISTS (SELECT 1 FROM deleted_tenants WHERE tenant = $1::text)"
            + " ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS)
        .execute(Tuple.of(id, displayName, quota.commandsPerSecond(), quota.burst(), retentionDays))
        .map(TenantCatalog::first);
  }

  /** True when the id belonged to a tenant that was deleted (and so can never be created again). */
  public Future<Boolean> wasDeleted(String id) {
    return pool.preparedQuery("SELECT 1 FROM deleted_tenants WHERE tenant = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() > 0);
  }

  public Future<Optional<Tenant>> update(String id, String displayName, Tenant.Quota quota, int retentionDays) {
    return pool.preparedQuery("UPDATE tenants SET display_name = $2, commands_per_second = $3, burst = $4, "
            + "retention_days = $5, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(id, displayName, quota.commandsPerSecond(), quota.burst(), retentionDays))
        .map(TenantCatalog::first);
  }

  public Future<Optional<Tenant>> find(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM tenants WHERE id = $1").execute(Tuple.of(id))
        .map(TenantCatalog::first);
  }

  public Future<List<Tenant>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM tenants ORDER BY id").execute().map(rows -> {
      List<Tenant> tenants = new ArrayList<>(rows.size());
      rows.forEach(row -> tenants.add(tenant(row)));
      return tenants;
    });
  }

  /** Creates the listed tenants with default settings when missing; existing ones are left as they are. */
  public Future<Void> seed(List<String> ids, Tenant.Quota quota, int retentionDays) {
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) {
      chain = chain.compose(v -> create(id, id, quota, retentionDays).mapEmpty());
    }
    return chain;
  }

  private static Optional<Tenant> first(RowSet<Row> rows) {
    for (Row row : rows) {
      return Optional.of(tenant(row));
    }
    return Optional.empty();
  }

  private static Tenant tenant(Row row) {
    return new Tenant(row.getString(0), row.getString(1), new Tenant.Quota(row.getInteger(2), row.getInteger(3)),
        row.getInteger(4), row.getOffsetDateTime(5).toInstant(), row.getOffsetDateTime(6).toInstant());
  }
}

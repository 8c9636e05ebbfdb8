package io.tally.projection.erasure;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.lake.LakeSettings;
import io.tally.platform.FreePorts;
import io.tally.projection.ProjectionsAdminVerticle;
import io.tally.projection.testkit.AdminHttp;
import io.tally.projection.testkit.Await;
import io.tally.projection.testkit.EventLog;
import io.tally.service.Settings;
import io.tally.service.auth.Tokens;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.tally.testsupport.TestClickHouse;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projections process on a test's own topics, Postgres and ClickHouse databases and lake, with the command
 * side's catalog rows for acme and globex beside it; and the counts a test of the erasure asks for.
 */
final class ErasureStack implements AutoCloseable {
  private static final String SECRET = "tenant-erasure-test-secret-0123456789abcdef";
  final AdminHttp api;
  final TwoTenantLake lake;
  final String platform;
  final String acmeAdmin;
  final String viewer;
  private final EventLog log;
  private final TestPostgres pg;
  private final String pgDatabase;
  private final ClickHouseHttp ch;

  private ErasureStack(Vertx vertx, EventLog log, TestPostgres pg, String pgDatabase, ClickHouseHttp ch,
                       TwoTenantLake lake, int port) {
    this.log = log;
    this.pg = pg;
    this.pgDatabase = pgDatabase;
    this.ch = ch;
    this.lake = lake;
    this.api = new AdminHttp(port);
    Tokens tokens = Tokens.hs256(vertx, SECRET);
    platform = tokens.issue("ops", null, List.of("platform-admin"), 600);
    acmeAdmin = tokens.issue("alice", "acme", List.of("admin"), 600);
    viewer = tokens.issue("victor", "acme", List.of("viewer"), 600);
  }

  static ErasureStack start(Vertx vertx, EventLog log, TestPostgres pg, TestClickHouse clickHouse, TestS3 s3)
      throws SQLException {
    String database = pg.newDatabase();
    String chDatabase = clickHouse.newDatabase();
    String bucket = s3.newBucket();
    int port = FreePorts.next();
    Map<String, String> env = new HashMap<>();
    env.put("TALLY_KAFKA_BOOTSTRAP", log.bootstrap());
    env.put("TALLY_PG_HOST", pg.host());
    env.put("TALLY_PG_PORT", Integer.toString(pg.port()));
    env.put("TALLY_PG_DATABASE", database);
    env.put("TALLY_PG_USER", pg.user());
    env.put("TALLY_PG_PASSWORD", pg.password());
    env.put("TALLY_CLICKHOUSE_URL", clickHouse.httpUrl());
    env.put("TALLY_CLICKHOUSE_DATABASE", chDatabase);
    env.put("TALLY_S3_ENDPOINT", s3.endpoint());
    env.put("TALLY_S3_ACCESS_KEY", s3.accessKey());
    env.put("TALLY_S3_SECRET_KEY", s3.secretKey());
    env.put("TALLY_S3_REGION", s3.region());
    env.put("TALLY_LAKE_WAREHOUSE", "s3://" + bucket + "/warehouse");
    env.put("TALLY_JWT_SECRET", SECRET);
    env.put("TALLY_TOPIC_PREFIX", log.prefix());
    env.put("TALLY_PROJECTIONS_PORT", Integer.toString(port));
    env.put("TALLY_PROJECTIONS_INSTANCE_ID", "none");
    Settings settings = new Settings(env);
    catalogRows(pg, database);
    TwoTenantLake lake = new TwoTenantLake(LakeSettings.from(settings::find), s3, bucket);
    await(vertx.deployVerticle(new ProjectionsAdminVerticle(settings,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))));
    return new ErasureStack(vertx, log, pg, database, clickHouse.client(vertx, chDatabase), lake, port);
  }

  /** The command side's catalog tables with the columns the erasure touches (command-side creates the real ones). */
  private static void catalogRows(TestPostgres pg, String database) throws SQLException {
    try (Connection c = pg.connect(database)) {
      c.createStatement().execute("CREATE TABLE tenants (id text PRIMARY KEY, display_name text NOT NULL);"
          + "CREATE TABLE command_outcomes (tenant text NOT NULL, command_id text NOT NULL, "
          + "PRIMARY KEY (tenant, command_id));"
          + "INSERT INTO tenants VALUES ('acme', 'Acme'), ('globex', 'Globex');"
          + "INSERT INTO command_outcomes VALUES ('acme', 'c-1'), ('acme', 'c-2'), ('globex', 'c-1')");
    }
  }

  /** Both projections running with every partition's position at the log's end as it is now. */
  void awaitCaughtUp() {
    Map<Integer, Long> end = log.endOffsets();
    Await.until(Duration.ofMinutes(2), () -> api.call("GET", "/v1/admin/projections", platform).json()
        .getJsonArray("projections").stream().map(JsonObject.class::cast).allMatch(p -> caughtUp(p, end)),
        () -> api.call("GET", "/v1/admin/projections", platform).body());
  }

  private boolean caughtUp(JsonObject projection, Map<Integer, Long> end) {
    List<JsonObject> partitions = projection.getJsonArray("partitions").stream().map(JsonObject.class::cast).toList();
    return projection.getString("state").equals("running") && partitions.size() == log.partitions()
        && partitions.stream().allMatch(p -> p.getLong("position") >= end.getOrDefault(p.getInteger("partition"), 0L));
  }

  /** Per table, the tenant's rows (ClickHouse rollups: the events they sum, which merges do not change). */
  Map<String, Long> rowsOf(String tenant) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : List.of("current_orders", "order_events")) {
      rows.put("pg:" + table, pgCount("SELECT count(*) FROM " + table + " WHERE tenant = '" + tenant + "'"));
    }
    String where = " WHERE tenant = " + ClickHouseSql.literal(tenant);
    rows.put("ch:order_events", chLong("SELECT count() AS n FROM order_events" + where));
    rows.put("ch:orders_hourly", chLong("SELECT sum(events) AS n FROM orders_hourly" + where));
    rows.put("ch:orders_daily", chLong("SELECT sum(events) AS n FROM orders_daily" + where));
    return rows;
  }

  /** Nothing of the tenant in any view, its catalog rows gone, the other tenant's rows exactly as expected. */
  void assertErased(String tenant, Map<String, Long> globex) throws SQLException {
    assertThat(rowsOf(tenant)).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
    assertThat(rowsOf("globex")).isEqualTo(globex);
    assertThat(pgCount("SELECT count(*) FROM command_outcomes WHERE tenant = '" + tenant + "'")).isZero();
    assertThat(pgCount("SELECT count(*) FROM command_outcomes WHERE tenant = 'globex'")).isEqualTo(1);
    assertThat(pgCount("SELECT count(*) FROM deleted_tenants WHERE tenant = '" + tenant + "'")).isEqualTo(1);
    assertThat(pgCount("SELECT count(*) FROM lake_tenant_deletions WHERE tenant = '" + tenant
        + "' AND done_at IS NOT NULL")).isEqualTo(1);
  }

  List<String> catalog() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = pg.connect(pgDatabase); ResultSet rs = c.createStatement().executeQuery(
        "SELECT id FROM tenants ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private long pgCount(String sql) throws SQLException {
    try (Connection c = pg.connect(pgDatabase); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long chLong(String sql) {
    Object n = await(ch.query(sql)).get(0).getValue("n");
    return n == null ? 0 : Long.parseLong(n.toString());
  }

  @Override
  public void close() throws Exception {
    lake.close();
    ch.close();
    log.close();
  }
}

package io.tally.lake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Tenant deletions asked of the lake, in a Postgres table of the catalog's database. The platform-admin operation
 * records the request in the same transaction in which it deletes the tenant's Postgres rows (call
 * {@link #request} on that transaction's connection, or run {@link #REQUEST} with the client at hand); the next lake
 * run, under the lake lock, deletes the tenant from every lake table before it reads the log, and marks the request
 * done. A request is idempotent: asking again re-opens it.
 */
public final class TenantDeletionRequests {
  public static final String CREATE = "CREATE TABLE IF NOT EXISTS lake_tenant_deletions ("
      + " tenant text PRIMARY KEY,"
      + " requested_at timestamptz NOT NULL DEFAULT now(),"
      + " done_at timestamptz)";
  /** One parameter, the tenant ($1 for vertx-pg-client; JDBC callers use {@link #request}). */
  public static final String REQUEST = "INSERT INTO lake_tenant_deletions (tenant) VALUES ($1)"
      + " ON CONFLICT (tenant) DO UPDATE SET requested_at = now(), done_at = NULL";

  /** One parameter, the tenant: when its deletion was asked for and when the lake did it (null: not yet). */
  public static final String STATUS = "SELECT requested_at, done_at FROM lake_tenant_deletions WHERE tenant = $1";

  private TenantDeletionRequests() {}

  public static void request(Connection c, String tenant) throws SQLException {
    create(c);
    try (PreparedStatement st = c.prepareStatement(REQUEST.replace("$1", "?"))) {
      st.setString(1, tenant);
      st.executeUpdate();
    }
  }

  /** Tenants whose deletion is requested and not yet done, oldest request first. */
  public static List<String> pending(Connection c) throws SQLException {
    create(c);
    List<String> tenants = new ArrayList<>();
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(
             "SELECT tenant FROM lake_tenant_deletions WHERE done_at IS NULL ORDER BY requested_at")) {
      while (rs.next()) {
        tenants.add(rs.getString(1));
      }
    }
    return tenants;
  }

  public static void markDone(Connection c, String tenant) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE lake_tenant_deletions SET done_at = now() WHERE tenant = ? AND done_at IS NULL")) {
      st.setString(1, tenant);
      st.executeUpdate();
    }
  }

  private static void create(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(CREATE);
    }
  }
}

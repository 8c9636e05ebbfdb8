package io.tally.command.tenants;

import io.tally.service.tenants.DeletedTenantsTable;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The command side's tables, created at start. Idempotent statements in one transaction under an advisory lock,
 * so instances starting together do not race on CREATE (which is not safe concurrently in Postgres).
 */
public final class CommandSideSchema {
  private static final String[] STATEMENTS = {
      "SELECT pg_advisory_xact_lock(hashtext('tally.command-side.schema'))",
      // "already exists, skipping" notices on every start are noise, not news.
      "SET LOCAL client_min_messages = warning",
      """
      CREATE TABLE IF NOT EXISTS tenants (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{2,39}$'),
        display_name text NOT NULL,
        commands_per_second integer NOT NULL CHECK (commands_per_second > 0),
        burst integer NOT NULL CHECK (burst > 0),
        retention_days integer NOT NULL CHECK (retention_days > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )""",
      """
      CREATE TABLE IF NOT EXISTS command_outcomes (
        tenant text NOT NULL,
        command_id text NOT NULL,
        order_id text NOT NULL,
        outcome jsonb NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (tenant, command_id)
      )""",
      "CREATE INDEX IF NOT EXISTS command_outcomes_decided_at ON command_outcomes (decided_at)",
      // Written by the projections' tenant erasure; read here so a deleted id is never created again.
      DeletedTenantsTable.CREATE
  };

  private CommandSideSchema() {}

  public static Future<Void> migrate(Pool pool) {
    return pool.withTransaction(conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (String sql : STATEMENTS) {
        chain = chain.compose(v -> conn.query(sql).execute().mapEmpty());
      }
      return chain;
    });
  }
}

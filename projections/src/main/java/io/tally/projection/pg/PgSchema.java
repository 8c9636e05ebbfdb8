package io.tally.projection.pg;

/**
 * DDL of the Postgres view. Row-level security is the second wall behind the query side's tenant predicate: the
 * query side reads as role {@code tally_reader} with {@code tally.tenant} set, and sees only that tenant's rows
 * (none when the setting is missing). The projection writes as the owner, which RLS does not restrict.
 */
final class PgSchema {

  private PgSchema() {}

  /** Serialises DDL of concurrent starters (two projection processes, a replay) in one database. */
  static final String DDL_LOCK = "SELECT pg_advisory_xact_lock(hashtext('tally-projection-ddl'))";

  static String readerRole() {
    return """
        DO $$ BEGIN
          CREATE ROLE %1$s NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$""".formatted(PgTables.READER_ROLE);
  }

  static String offsets() {
    return """
        CREATE TABLE IF NOT EXISTS %s (
          projection text NOT NULL,
          topic text NOT NULL,
          kafka_partition int NOT NULL,
          next_offset bigint NOT NULL,
          updated_at timestamptz NOT NULL,
          PRIMARY KEY (projection, topic, kafka_partition))""".formatted(PgTables.OFFSETS);
  }

  static String tables(PgTables t) {
    return """
        CREATE TABLE IF NOT EXISTS %1$s (
          tenant text NOT NULL,
          order_id text NOT NULL,
          status text NOT NULL,
          amount numeric(18,4),
          currency text,
          version bigint NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          last_event_id uuid NOT NULL,
          CONSTRAINT %1$s_pkey PRIMARY KEY (tenant, order_id));
        CREATE TABLE IF NOT EXISTS %2$s (
          event_id uuid NOT NULL,
          tenant text NOT NULL,
          order_id text NOT NULL,
          sequence bigint NOT NULL,
          type text NOT NULL,
          schema_version int NOT NULL,
          occurred_at timestamptz NOT NULL,
          amount numeric(18,4),
          currency text,
          payload json NOT NULL,
          kafka_partition int NOT NULL,
          kafka_offset bigint NOT NULL,
          projected_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT %2$s_pkey PRIMARY KEY (event_id));
        CREATE INDEX IF NOT EXISTS %3$s ON %2$s (tenant, order_id, sequence);
        CREATE INDEX IF NOT EXISTS %5$s ON %1$s (tenant, created_at DESC, order_id DESC);
        ALTER TABLE %1$s ENABLE ROW LEVEL SECURITY;
        ALTER TABLE %2$s ENABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS tenant_isolation ON %1$s;
        CREATE POLICY tenant_isolation ON %1$s FOR SELECT TO %4$s
          USING (tenant = current_setting('tally.tenant', true));
        DROP POLICY IF EXISTS tenant_isolation ON %2$s;
        CREATE POLICY tenant_isolation ON %2$s FOR SELECT TO %4$s
          USING (tenant = current_setting('tally.tenant', true));
        GRANT SELECT ON %1$s, %2$s TO %4$s""".formatted(t.currentOrders(), t.orderEvents(), t.eventsByOrderIndex(),
        PgTables.READER_ROLE, t.recentOrdersIndex());
  }

  static String drop(PgTables t) {
    return "DROP TABLE IF EXISTS " + t.currentOrders() + ", " + t.orderEvents();
  }
}

package io.tally.service.tenants;

/**
 * The platform's register of deleted tenants, a Postgres table in the one database every service uses. The
 * projections service's tenant erasure writes it (in the same transaction as its deletes); the projections drop
 * records of these tenants still in the log (live and on replay); the command side refuses to create a tenant
 * under a deleted id, because every store keeps dropping that id's records. Here once, so both agree on it.
 */
public final class DeletedTenantsTable {
  public static final String CREATE = "CREATE TABLE IF NOT EXISTS deleted_tenants ("
      + " tenant text PRIMARY KEY,"
      + " deleted_at timestamptz NOT NULL DEFAULT now())";
  /** One parameter, the tenant; idempotent (a repeated erasure keeps the first time). */
  public static final String RECORD =
      "INSERT INTO deleted_tenants (tenant) VALUES ($1) ON CONFLICT (tenant) DO NOTHING";
  public static final String LIST = "SELECT tenant FROM deleted_tenants";
  /** One parameter, the tenant: its deletion time, or no row. */
  public static final String FIND = "SELECT deleted_at FROM deleted_tenants WHERE tenant = $1";

  private DeletedTenantsTable() {}
}

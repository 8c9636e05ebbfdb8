package io.tally.projection.erasure;

import io.tally.lake.LakeCatalog;
import io.tally.lake.LakeLock;
import io.tally.lake.LakeSettings;
import io.tally.lake.LakeTenantErasure;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake's part of an erasure, after the Postgres commit has recorded the lake request: done at once, without
 * Spark ({@link LakeTenantErasure}, the same code the lake job runs), when the lake lock is free. When a lake run
 * holds the lock or the lake does not answer, the request stays pending and the next lake run (or
 * {@code make lake-delete-tenant}) does it before it reads the log; the answer says which. Blocking.
 */
final class LakeErasure {
  private static final Logger LOG = LoggerFactory.getLogger(LakeErasure.class);
  static final String DONE = "done";
  static final String PENDING = "pending";

  private final LakeSettings settings;

  LakeErasure(LakeSettings settings) {
    this.settings = settings;
  }

  JsonObject erase(String tenant) {
    try (LakeLock lock = LakeLock.acquire(settings); JdbcCatalog catalog = LakeCatalog.open(settings)) {
      LakeTenantErasure.Report report = LakeTenantErasure.eraseRequested(lock, catalog, tenant);
      return new JsonObject().put("status", DONE)
          .put("tables", new JsonObject(new LinkedHashMap<String, Object>(report.rowsDeleted())))
          .put("filesDeleted", report.filesDeleted())
          .put("tookMs", report.took().toMillis());
    } catch (LakeLock.LakeBusyException e) {
      return pending(e.getMessage());
    } catch (Exception e) {
      LOG.warn("tenant {}: the lake erasure failed; its request stays pending for the next lake run", tenant, e);
      return pending("the lake could not be erased now (" + e + ")");
    }
  }

  private static JsonObject pending(String why) {
    return new JsonObject().put("status", PENDING).put("detail", why + "; the request is recorded, and the next"
        + " lake run (or make lake-delete-tenant) erases the tenant before it reads the log");
  }
}

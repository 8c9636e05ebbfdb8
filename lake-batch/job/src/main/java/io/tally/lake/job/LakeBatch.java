package io.tally.lake.job;

import io.tally.lake.LakeCatalog;
import io.tally.lake.LakeLock;
import io.tally.lake.LakeSettings;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * The lake job's command line: {@code compact} (the default), {@code maintain}, {@code delete-tenant TENANT}.
 * Settings come from {@code tally.*} system properties or TALLY_* environment variables (see docs/lake.md).
 * Exit codes: 0 done, 1 failed, 2 usage, 3 another lake run holds the lock (try later).
 */
public final class LakeBatch {
  private LakeBatch() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "compact" : args[0];
    if (!command.equals("compact") && !command.equals("maintain")
        && !(command.equals("delete-tenant") && args.length == 2)) {
      System.err.println("usage: lake-batch [compact | maintain | delete-tenant TENANT]");
      System.exit(2);
    }
    int code = 0;
    LakeSettings settings = LakeSettings.fromEnvironment();
    SparkSession spark = null;
    try (JdbcCatalog catalog = LakeCatalog.open(settings)) {
      spark = LakeSpark.session(settings, LakeCatalog.NAME);
      Lake lake = new Lake(spark, LakeCatalog.NAME, catalog, settings);
      switch (command) {
        case "compact" -> new LakeRun(lake).compact();
        case "maintain" -> new LakeMaintenance(lake, MaintenanceSettings.fromEnvironment()).run();
        default -> new LakeTenantDeletion(lake).delete(args[1]);
      }
    } catch (LakeLock.LakeBusyException e) {
      RunLog.say(e.getMessage());
      code = 3;
    } catch (Exception e) {
      RunLog.say("FAILED: " + e);
      e.printStackTrace();
      code = 1;
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
    System.exit(code);
  }
}

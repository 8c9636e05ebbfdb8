package io.tally.lake.job;

import io.tally.lake.LakeCatalog;
import io.tally.lake.LakeSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session the lake runs in. Local mode on all cores unless a master is given (spark-submit sets one),
 * so the same jar runs on a laptop and a cluster. UTC everywhere: a "day" in the lake is a UTC day.
 */
public final class LakeSpark {
  private LakeSpark() {}

  public static SparkSession session(LakeSettings settings, String catalogName) {
    SparkConf given = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("tally-lake-batch")
        .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config("spark.sql.session.timeZone", "UTC")
        // Rows carry java.time.Instant and LocalDate, not java.sql.Timestamp and Date.
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.shuffle.partitions", given.get("spark.sql.shuffle.partitions",
            Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() * 2))))
        .config("spark.ui.enabled", given.get("spark.ui.enabled", "false"))
        // A run's caches (its decoded batch, silver's states) live for one run and fit in memory as they are:
        // compressing them cost a pass over every cached value for compressibility statistics.
        .config("spark.sql.inMemoryColumnarStorage.compressed",
            given.get("spark.sql.inMemoryColumnarStorage.compressed", "false"));
    if (!given.contains("spark.master")) {
      b.master("local[*]")
          // A laptop's host name may not resolve; local mode needs only the loopback.
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = b.getOrCreate();
    registerCatalog(spark, catalogName, settings);
    return spark;
  }

  /** Adds (or repoints) an Iceberg catalog called name; Spark instantiates it on first use. */
  public static void registerCatalog(SparkSession spark, String name, LakeSettings settings) {
    String prefix = "spark.sql.catalog." + name;
    spark.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
    for (Map.Entry<String, String> e : LakeCatalog.properties(settings).entrySet()) {
      spark.conf().set(prefix + "." + e.getKey(), e.getValue());
    }
    // Other writers (the job's own plain catalog, maintenance, tenant deletion) change tables between
    // statements; a cached table would plan against stale metadata.
    spark.conf().set(prefix + ".cache-enabled", "false");
  }
}

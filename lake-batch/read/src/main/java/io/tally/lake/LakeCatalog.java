package io.tally.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.UncheckedSQLException;

/**
 * The lake's Iceberg catalog: a JDBC catalog in the platform's Postgres (no extra service to run), table files on
 * S3 through Iceberg's own S3FileIO (no Hadoop S3A, so the job and the Spark-free reader share one I/O path; see
 * docs/adr/0030) with the client {@link LakeS3Clients} builds. The same properties configure Spark's catalog and
 * a plain {@link JdbcCatalog}.
 */
public final class LakeCatalog {
  /**
   * The catalog's name. The JDBC catalog keys its rows by it, so Spark's catalog and a plain one see the same
   * tables only under the same name.
   */
  public static final String NAME = "lake";

  private LakeCatalog() {}

  public static Map<String, String> properties(LakeSettings s) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(CatalogProperties.CATALOG_IMPL, JdbcCatalog.class.getName());
    p.put(CatalogProperties.URI, s.jdbcUrl());
    p.put("jdbc.user", s.jdbcUser());
    p.put("jdbc.password", s.jdbcPassword());
    // V1 is the current layout of the catalog's own tables; without it Iceberg keeps the legacy one and warns.
    p.put("jdbc.schema-version", "V1");
    p.put(CatalogProperties.WAREHOUSE_LOCATION, s.warehouse());
    p.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    p.put("s3.client-factory-impl", LakeS3Clients.class.getName());
    p.put("s3.endpoint", s.s3Endpoint());
    // Bucket names in the host name would need DNS for *.127.0.0.1; MinIO and s3proxy both take path style.
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", s.s3AccessKey());
    p.put("s3.secret-access-key", s.s3SecretKey());
    p.put("client.region", s.s3Region());
    return p;
  }

  /** A plain Iceberg catalog on these settings; the caller closes it. */
  public static JdbcCatalog open(LakeSettings s) {
    return open(s, NAME);
  }

  /**
   * The same under another name: a test JVM keeps several lakes apart by name in one Spark session.
   *
   * <p>On a fresh database the first catalogs to open create and upgrade the catalog's own tables; two doing it
   * at once (a service starting while the job runs) race, and the loser fails on a column the winner just added.
   * Opening again then finds the tables as they should be, so that failure is retried a few times.
   */
  public static JdbcCatalog open(LakeSettings s, String name) {
    for (int attempt = 1; ; attempt++) {
      try {
        return openOnce(s, name);
      } catch (UncheckedSQLException e) {
        if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("update SQL schema")) {
          throw e;
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static JdbcCatalog openOnce(LakeSettings s, String name) {
    // initialize() makes the S3FileIO before it connects to the database, and a catalog whose connection failed
    // cannot close it: keep hold of it so a failed open (a service retrying while Postgres is down) leaks nothing.
    List<FileIO> made = new ArrayList<>();
    JdbcCatalog catalog = new JdbcCatalog(props -> {
      FileIO io = CatalogUtil.loadFileIO(props.get(CatalogProperties.FILE_IO_IMPL), props, null);
      made.add(io);
      return io;
    }, null, true);
    try {
      catalog.initialize(name, properties(s));
      return catalog;
    } catch (RuntimeException e) {
      made.forEach(FileIO::close);
      throw e;
    }
  }
}

package io.tally.lake.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.lake.LakeCatalog;
import io.tally.lake.LakeSettings;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Catalogs opened at the same moment on a fresh database (the query side starting while the job runs) all open:
 * the ones that lose Iceberg's race to create the catalog's tables try again.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class CatalogOpenRaceTest {

  @Test
  void catalogsOpenedAtOnceOnAFreshDatabaseAllOpen(TestPostgres pg, TestS3 s3) throws Exception {
    for (int round = 0; round < 5; round++) {
      LakeSettings settings = TestLakes.settings(pg, s3);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JdbcCatalog>> opened = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          opened.add(pool.submit(() -> {
            start.await();
            return LakeCatalog.open(settings);
          }));
        }
        start.countDown();
        for (Future<JdbcCatalog> future : opened) {
          try (JdbcCatalog catalog = future.get(60, TimeUnit.SECONDS)) {
            assertThat(catalog.listNamespaces(Namespace.empty())).isNotNull();
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}

package io.tally.lake.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.lake.LakeCatalog;
import io.tally.lake.LakeSettings;
import io.tally.lake.TableDefinition;
import io.tally.lake.TableSetup;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Time-travel reads of the gold table with plain iceberg-data, against a real JDBC catalog and S3 server. */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class DailyRevenueHistoryTest {
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
  private static final LocalDate DAY2 = LocalDate.of(2026, 11, 21);

  @Test
  void readsTheLatestOrAnEarlierSnapshotOfOneTenantOnly(TestPostgres pg, TestS3 s3) throws Exception {
    LakeSettings settings = TestLakes.settings(pg, s3);
    try (JdbcCatalog catalog = LakeCatalog.open(settings);
         DailyRevenueHistory history = DailyRevenueHistory.open(settings)) {
      assertThat(history.read("acme", AsOf.latest()).snapshotId()).as("no table yet").isEmpty();
      TableSetup.ensure(catalog, TableDefinition.DAILY_REVENUE);
      Table table = catalog.loadTable(TableDefinition.DAILY_REVENUE.id());
      assertThat(history.read("acme", AsOf.latest()).days()).as("table without snapshot").isEmpty();

      Instant beforeFirst = Instant.now();
      Thread.sleep(5);
      DataFile acmeV1 = GoldFiles.write(table, "acme",
          List.of(GoldFiles.row(table, "acme", DAY1, "EUR", 2, 1, "10.000", "0.000")));
      DataFile globex = GoldFiles.write(table, "globex",
          List.of(GoldFiles.row(table, "globex", DAY1, "USD", 7, 7, "700.000", "0.000")));
      table.newAppend().appendFile(acmeV1).appendFile(globex).commit();
      long first = table.currentSnapshot().snapshotId();
      Thread.sleep(5);
      Instant afterFirst = Instant.now();
      Thread.sleep(5);
      DataFile acmeV2 = GoldFiles.write(table, "acme", List.of(
          GoldFiles.row(table, "acme", DAY1, "EUR", 3, 2, "25.000", "5.000"),
          GoldFiles.row(table, "acme", DAY2, "EUR", 1, 0, "0.000", "0.000")));
      table.newOverwrite().deleteFile(acmeV1).addFile(acmeV2).commit();
      long second = table.currentSnapshot().snapshotId();

      RevenueHistory latest = history.read("acme", AsOf.latest());
      assertThat(latest.snapshotId()).contains(second);
      assertThat(latest.days()).extracting(DailyRevenue::day).containsExactly(DAY1, DAY2);
      DailyRevenue day1 = latest.days().get(0);
      assertThat(day1.ordersPlaced()).isEqualTo(3);
      assertThat(day1.ordersPaid()).isEqualTo(2);
      assertThat(day1.refunds()).isEqualTo(1);
      assertThat(day1.revenue()).isEqualByComparingTo(new BigDecimal("20.00"));

      for (RevenueHistory old : List.of(history.read("acme", new AsOf.Snapshot(first)),
          history.read("acme", new AsOf.At(afterFirst)), history.read("acme", Long.toString(first)))) {
        assertThat(old.snapshotId()).contains(first);
        assertThat(old.days()).hasSize(1);
        assertThat(old.days().get(0).ordersPlaced()).isEqualTo(2);
        assertThat(old.days().get(0).revenue()).isEqualByComparingTo(new BigDecimal("10.00"));
      }
      RevenueHistory before = history.read("acme", new AsOf.At(beforeFirst));
      assertThat(before.snapshotId()).as("before the lake's first snapshot").isEmpty();
      assertThat(before.days()).isEmpty();

      assertThat(history.read("globex", AsOf.latest()).days())
          .singleElement().satisfies(d -> assertThat(d.currency()).isEqualTo("USD"));
      assertThat(history.read("initech", AsOf.latest()).days()).isEmpty();
      assertThatThrownBy(() -> history.read("acme", new AsOf.Snapshot(42L)))
          .isInstanceOf(UnknownSnapshot.class).hasMessageContaining("no snapshot 42");
      assertThatThrownBy(() -> history.read(" ", AsOf.latest())).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void asOfAcceptsNothingAnInstantOrASnapshotId() {
    assertThat(AsOf.parse(null)).isEqualTo(AsOf.latest());
    assertThat(AsOf.parse("  ")).isEqualTo(AsOf.latest());
    assertThat(AsOf.parse("123")).isEqualTo(new AsOf.Snapshot(123));
    assertThat(AsOf.parse("2026-11-21T12:00:00Z")).isEqualTo(new AsOf.At(Instant.parse("2026-11-21T12:00:00Z")));
    assertThatThrownBy(() -> AsOf.parse("yesterday")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> AsOf.parse("99999999999999999999")).isInstanceOf(IllegalArgumentException.class);
  }
}

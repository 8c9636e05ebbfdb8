package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.lake.LakeSchemas;
import io.tally.lake.read.AsOf;
import io.tally.lake.read.DailyRevenue;
import io.tally.lake.read.DailyRevenueHistory;
import io.tally.lake.read.RevenueHistory;
import io.tally.order.OrderState;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.S3Extension;
import io.tally.testsupport.TestKafka;
import io.tally.testsupport.TestPostgres;
import io.tally.testsupport.TestS3;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Silver (latest order state) and gold (daily revenue) follow the events, only for what a run touched, and the
 * gold table's earlier snapshots keep the figures they had (time travel through the Spark-free reader).
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, S3Extension.class})
class LakeSilverGoldTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @Test
  void silverAndGoldMatchTheEventsAndEarlierSnapshotsKeepEarlierFigures(TestKafka kafka, TestPostgres pg, TestS3 s3)
      throws Exception {
    try (TestLake t = TestLakes.create(kafka, pg, s3)) {
      DailyRevenueHistory history = new DailyRevenueHistory(t.catalog());
      List<EventEnvelope> first = new ArrayList<>(OrderLog.orders("acme", "a", 24, DAY, "EUR"));
      first.addAll(OrderLog.orders("globex", "g", 10, DAY, "USD"));
      t.writer().committed(first);
      t.compact();
      RevenueHistory afterFirst = history.read("acme", AsOf.latest());
      Instant firstDone = Instant.now();
      assertThat(afterFirst.days()).isEqualTo(new Expected(first).dailyRevenue("acme"));
      assertThat(history.read("globex", AsOf.latest()).days()).isEqualTo(new Expected(first).dailyRevenue("globex"));
      assertStates(t, new Expected(first));

      // Later: more acme orders on the second day and a new day; globex untouched.
      List<EventEnvelope> second = OrderLog.orders("acme", "b", 10, DAY.plusDays(1), "EUR");
      t.writer().committed(second);
      LakeRun.Report run = t.compact();
      assertThat(run.daysUpdated()).as("acme's second and third day only").isEqualTo(2);
      assertThat(run.ordersUpdated()).isEqualTo(10);
      List<EventEnvelope> all = new ArrayList<>(first);
      all.addAll(second);
      RevenueHistory latest = history.read("acme", AsOf.latest());
      assertThat(latest.days()).isEqualTo(new Expected(all).dailyRevenue("acme"));
      assertThat(latest.days()).isNotEqualTo(afterFirst.days());
      assertStates(t, new Expected(all));

      // Time travel: by snapshot id and by time, the first run's figures.
      assertThat(history.read("acme", new AsOf.Snapshot(afterFirst.snapshotId().orElseThrow())).days())
          .isEqualTo(afterFirst.days());
      assertThat(history.read("acme", new AsOf.At(firstDone)).days()).isEqualTo(afterFirst.days());
      List<DailyRevenue> globex = history.read("globex", AsOf.latest()).days();
      assertThat(globex).isEqualTo(new Expected(first).dailyRevenue("globex"));
      assertThat(globex).allMatch(d -> d.currency().equals("USD"));
    }
  }

  @Test
  void aFirstBuildAfterEarlierEventsFoldsThemAllNotOnlyTheRunsOwn(TestKafka kafka, TestPostgres pg, TestS3 s3)
      throws Exception {
    try (TestLake t = TestLakes.create(kafka, pg, s3)) {
      t.compact(); // creates the tables; nothing to read yet
      // A run that committed its events and stopped before silver and gold (killed, say).
      List<EventEnvelope> earlier = OrderLog.orders("acme", "a", 12, DAY, "EUR");
      t.writer().committed(earlier);
      try (Compaction.Batch events = Compaction.run(t.lake(), LakeSchemas.PAYLOAD_FIELDS, Instant.now())) {
        assertThat(events.wholeTable()).as("the events table was empty before it").isPresent();
      }
      // The next run's batch is not the whole events table: the first build must still see the earlier events.
      List<EventEnvelope> later = OrderLog.orders("acme", "b", 5, DAY.plusDays(1), "EUR");
      t.writer().committed(later);
      LakeRun.Report run = t.compact();
      List<EventEnvelope> all = new ArrayList<>(earlier);
      all.addAll(later);
      assertThat(run.ordersUpdated()).isEqualTo(17);
      assertStates(t, new Expected(all));
      assertThat(new DailyRevenueHistory(t.catalog()).read("acme", AsOf.latest()).days())
          .isEqualTo(new Expected(all).dailyRevenue("acme"));
    }
  }

  private static void assertStates(TestLake t, Expected expected) {
    Map<String, OrderState> want = expected.states();
    Map<String, String> lake = new HashMap<>();
    for (Row r : t.sql("SELECT tenant, order_id, status, version, amount, paid_amount, refunded_amount, currency"
        + " FROM {lake}.order_state")) {
      lake.put(r.getString(0) + "/" + r.getString(1), r.getString(2) + " v" + r.getLong(3) + " "
          + r.getDecimal(4).stripTrailingZeros().toPlainString() + " paid " + r.getDecimal(5).stripTrailingZeros()
          .toPlainString() + " refunded " + r.getDecimal(6).stripTrailingZeros().toPlainString() + " " + r.getString(7));
    }
    Map<String, String> wanted = new HashMap<>();
    want.forEach((k, s) -> wanted.put(k, s.status().name() + " v" + s.version() + " "
        + s.amount().stripTrailingZeros().toPlainString() + " paid " + s.paid().stripTrailingZeros().toPlainString()
        + " refunded " + s.refunded().stripTrailingZeros().toPlainString() + " " + s.currency()));
    assertThat(lake).isEqualTo(wanted);
  }
}

package io.tally.lake.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.xxhash64;

import io.tally.lake.DeletedTenants;
import io.tally.lake.LakeTables;
import io.tally.lake.PayloadField;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Log → events table, exactly once. Reads orders.events (read_committed) from the position in the events table's
 * last commit up to the log's committed end, decodes and validates each record, and MERGEs the events on eventId
 * in one commit that also records the new position. Rejected records go to their own table first (MERGE on
 * partition and offset), so a rerun of the same range adds nothing anywhere.
 */
final class Compaction {
  private Compaction() {}

  record Result(long records, long added, long duplicates, long rejected, long dropped, long lostToRetention,
                KafkaOffsets end) {}

  /**
   * A run's result and its decoded records, kept cached until closed. wholeTable: this run's events when they are
   * the whole events table (it held no row before), so a first build of silver or gold can read them from memory
   * instead of scanning the table just written; empty otherwise.
   */
  record Batch(Result result, Optional<Dataset<Row>> wholeTable, Dataset<Row> decoded) implements AutoCloseable {
    @Override
    public void close() {
      if (decoded != null) {
        decoded.unpersist();
      }
    }
  }

  static Batch run(Lake lake, List<PayloadField> payloadFields, Instant runAt) {
    String topic = lake.settings().topic();
    Table events = lake.load(LakeTables.EVENTS);
    KafkaOffsets committed = CommittedOffsets.orNone(events, topic);
    LogPositions log = LogPositions.read(lake.settings().kafkaBootstrap(), topic);
    long lost = log.lostToRetention(committed);
    if (lost > 0) {
      RunLog.say("WARNING: " + lost + " records of " + topic + " were deleted by retention before the lake read them");
    }
    KafkaOffsets start = log.startAfter(committed);
    KafkaOffsets end = log.end();
    if (start.countUntil(end) == 0) {
      RunLog.say("nothing new in " + topic + " after " + start.toJson());
      return new Batch(new Result(0, 0, 0, 0, 0, lost, end), Optional.empty(), null);
    }
    RunLog.say("reading " + topic + " from " + start.toJson() + " to " + end.toJson());
    Set<String> deleted = DeletedTenants.read(lake.load(LakeTables.DELETED_TENANTS));
    Dataset<Row> decoded = LogReader.decoded(lake.spark(), lake.settings().kafkaBootstrap(), start, end,
            new EventDecoder(payloadFields, deleted, runAt), DecodedRecord.schema(payloadFields))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One pass over the decoded records for every figure the rest needs. Distinct 64-bit hashes of the event
      // ids, as many as the events, prove the ids distinct at a fraction of the cost of counting distinct strings;
      // a collision only makes the MERGE de-duplicate a batch that did not need it.
      Map<String, Row> kinds = decoded.groupBy("kind")
          .agg(count(lit(1)), countDistinct(xxhash64(col("event.event_id"))), min("event.occurred_at"),
              max("event.occurred_at"))
          .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
      long records = kinds.values().stream().mapToLong(r -> r.getLong(1)).sum();
      long rejected = kinds.containsKey(DecodedRecord.REJECTED) ? kinds.get(DecodedRecord.REJECTED).getLong(1) : 0;
      if (rejected > 0) {
        RunLog.say("recording " + rejected + " rejected records in " + lake.sql(LakeTables.REJECTED));
        Dataset<Row> rows = decoded.where(col("kind").equalTo(DecodedRecord.REJECTED)).select("rejected.*");
        Merges.insertMissing(lake, LakeTables.REJECTED, rows,
            "t.kafka_partition = s.kafka_partition AND t.kafka_offset = s.kafka_offset", Commits.range(start, end));
      }
      Row eventCounts = kinds.get(DecodedRecord.EVENT);
      long added = 0;
      Optional<Dataset<Row>> wholeTable = Optional.empty();
      if (eventCounts != null) {
        Dataset<Row> batch = distinctEvents(decoded, eventCounts);
        long before = rows(lake.load(LakeTables.EVENTS));
        added = mergeEvents(lake, batch, eventCounts, start, end) - before;
        // The lake lock keeps other writers out, so a table empty before this MERGE now holds exactly the batch.
        wholeTable = before == 0 ? Optional.of(batch) : Optional.empty();
      }
      Commits.ensureRecorded(lake.load(LakeTables.EVENTS), end);
      long dropped = kinds.containsKey(DecodedRecord.DROPPED) ? kinds.get(DecodedRecord.DROPPED).getLong(1) : 0;
      long duplicates = eventCounts == null ? 0 : eventCounts.getLong(1) - added;
      return new Batch(new Result(records, added, duplicates, rejected, dropped, lost, end), wholeTable, decoded);
    } catch (RuntimeException e) {
      decoded.unpersist();
      throw e;
    }
  }

  /** The events-table rows of the batch, each event once; events: the kind's row of counts (see mergeEvents). */
  private static Dataset<Row> distinctEvents(Dataset<Row> decoded, Row events) {
    Dataset<Row> batch = decoded.where(col("kind").equalTo(DecodedRecord.EVENT)).select("event.*");
    if (events.getLong(2) < events.getLong(1)) { // fewer distinct id hashes than events
      // The same event twice in one range (a producer retry outside a transaction) must insert once; which
      // copy stays does not matter, they differ only in their offset. Rare, so the shuffle is paid only then.
      batch = batch.dropDuplicates("event_id");
    }
    return batch;
  }

  /**
   * events: the kind's row of counts (records, distinct event id hashes, first and last occurredAt). Returns the
   * events table's rows after the MERGE.
   */
  private static long mergeEvents(Lake lake, Dataset<Row> batch, Row events, KafkaOffsets start, KafkaOffsets end) {
    // A replayed event has the occurredAt it had the first time, so only target files of this time span can
    // hold it: the bound lets Iceberg skip every other file when it looks for matches.
    String within = "t.occurred_at >= TIMESTAMP '" + events.get(3) + "' AND t.occurred_at <= TIMESTAMP '"
        + events.get(4) + "'";
    RunLog.say("merging " + events.getLong(1) + " events into " + lake.sql(LakeTables.EVENTS));
    Merges.insertMissing(lake, LakeTables.EVENTS, batch,
        "t.event_id = s.event_id AND t.tenant = s.tenant AND " + within, Commits.range(start, end));
    return rows(lake.load(LakeTables.EVENTS));
  }

  private static long rows(Table table) {
    table.refresh();
    return table.currentSnapshot() == null ? 0
        : Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-records", "0"));
  }
}

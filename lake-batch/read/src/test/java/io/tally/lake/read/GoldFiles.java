package io.tally.lake.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;

/**
 * Writes gold-table rows of one tenant as one Parquet data file with plain iceberg-data, as a test fixture. In
 * lake-read's test-jar: the query side's tests commit gold snapshots with it too, without Spark.
 */
public final class GoldFiles {
  private GoldFiles() {}

  public static Record row(Table table, String tenant, LocalDate day, String currency, long placed, long paid,
                           String paidAmount, String refundedAmount) {
    GenericRecord r = GenericRecord.create(table.schema());
    r.setField("tenant", tenant);
    r.setField("day", day);
    r.setField("currency", currency);
    r.setField("orders_placed", placed);
    r.setField("orders_paid", paid);
    r.setField("orders_shipped", 0L);
    r.setField("orders_cancelled", 0L);
    r.setField("refunds", refundedAmount.equals("0.000") ? 0L : 1L);
    r.setField("paid_amount", new BigDecimal(paidAmount));
    r.setField("refunded_amount", new BigDecimal(refundedAmount));
    r.setField("revenue", new BigDecimal(paidAmount).subtract(new BigDecimal(refundedAmount)));
    return r;
  }

  public static DataFile write(Table table, String tenant, List<Record> rows) {
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
    OutputFile out = table.io().newOutputFile(table.locationProvider().newDataLocation(table.spec(), partition,
        "gold-" + tenant + "-" + UUID.randomUUID() + ".parquet"));
    try {
      DataWriter<Record> writer = Parquet.writeData(out)
          .schema(table.schema())
          .createWriterFunc(GenericParquetWriter::create)
          .withSpec(table.spec())
          .withPartition(partition)
          .overwrite()
          .build();
      try (writer) {
        rows.forEach(writer::write);
      }
      return writer.toDataFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

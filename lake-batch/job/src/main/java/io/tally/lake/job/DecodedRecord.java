package io.tally.lake.job;

import io.tally.lake.LakeSchemas;
import io.tally.lake.PayloadField;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The decoder's output row: what became of one log record ({@code kind}), with an events-table row, a
 * rejected-table row, or neither (the record belongs to a deleted tenant and is dropped).
 */
final class DecodedRecord {
  static final String EVENT = "event";
  static final String REJECTED = "rejected";
  static final String DROPPED = "dropped";

  private DecodedRecord() {}

  static StructType schema(List<PayloadField> payloadFields) {
    return new StructType(new StructField[] {
        DataTypes.createStructField("kind", DataTypes.StringType, false),
        DataTypes.createStructField(EVENT, eventType(payloadFields), true),
        DataTypes.createStructField(REJECTED, SparkSchemaUtil.convert(LakeSchemas.REJECTED), true)});
  }

  static StructType eventType(List<PayloadField> payloadFields) {
    Schema events = LakeSchemas.events(payloadFields);
    return SparkSchemaUtil.convert(events);
  }
}

package io.tally.lake;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Column lists of the lake's tables, in one place for the job (which creates and evolves the tables) and for
 * readers. Money is decimal(18,3): amounts have at most 10 integer digits and 3 decimals (BHD); sums in the
 * gold table get decimal(20,3).
 */
public final class LakeSchemas {
  public static final Type MONEY = Types.DecimalType.of(18, 3);
  public static final Type MONEY_SUM = Types.DecimalType.of(20, 3);
  private static final Type ITEMS = Types.ListType.ofRequired(1000, Types.StructType.of(
      NestedField.required(1001, "sku", Types.StringType.get()),
      NestedField.required(1002, "quantity", Types.IntegerType.get())));

  /** Payload fields of the current event versions, each as a nullable column (not every type has each). */
  public static final List<PayloadField> PAYLOAD_FIELDS = List.of(
      new PayloadField("customerId", "customer_id", Types.StringType.get()),
      new PayloadField("amount", "amount", MONEY),
      new PayloadField("currency", "currency", Types.StringType.get()),
      new PayloadField("items", "items", ITEMS),
      new PayloadField("paymentRef", "payment_ref", Types.StringType.get()),
      new PayloadField("carrier", "carrier", Types.StringType.get()),
      new PayloadField("trackingId", "tracking_id", Types.StringType.get()),
      new PayloadField("reason", "reason", Types.StringType.get()),
      new PayloadField("totalRefunded", "total_refunded", MONEY),
      new PayloadField("fullyRefunded", "fully_refunded", Types.BooleanType.get()));

  public static final Schema EVENTS = events(PAYLOAD_FIELDS);

  public static final Schema REJECTED = schema(
      NestedField.required(0, "kafka_partition", Types.IntegerType.get()),
      NestedField.required(0, "kafka_offset", Types.LongType.get()),
      NestedField.required(0, "reason", Types.StringType.get()),
      NestedField.optional(0, "detail", Types.StringType.get()),
      NestedField.optional(0, "tenant", Types.StringType.get(), "from the tally.tenant header"),
      NestedField.optional(0, "event_type", Types.StringType.get(), "from the tally.type header"),
      NestedField.optional(0, "schema_version", Types.StringType.get(), "from the tally.schema-version header"),
      NestedField.optional(0, "value", Types.BinaryType.get(), "the record value as it was in the log"),
      NestedField.required(0, "kafka_timestamp", Types.TimestampType.withZone()),
      NestedField.required(0, "rejected_at", Types.TimestampType.withZone()));

  public static final Schema ORDER_STATE = schema(
      NestedField.required(0, "tenant", Types.StringType.get()),
      NestedField.required(0, "order_id", Types.StringType.get()),
      NestedField.required(0, "status", Types.StringType.get(), "PLACED, PAID, SHIPPED, CANCELLED or REFUNDED"),
      NestedField.required(0, "version", Types.LongType.get(), "sequence of the last event"),
      NestedField.optional(0, "customer_id", Types.StringType.get()),
      NestedField.optional(0, "currency", Types.StringType.get()),
      NestedField.required(0, "amount", MONEY),
      NestedField.required(0, "paid_amount", MONEY),
      NestedField.required(0, "refunded_amount", MONEY),
      NestedField.optional(0, "placed_at", Types.TimestampType.withZone()),
      NestedField.optional(0, "paid_at", Types.TimestampType.withZone()),
      NestedField.optional(0, "shipped_at", Types.TimestampType.withZone()),
      NestedField.optional(0, "cancelled_at", Types.TimestampType.withZone()),
      NestedField.required(0, "last_event_at", Types.TimestampType.withZone()),
      NestedField.required(0, "last_event_id", Types.StringType.get()));

  public static final Schema DAILY_REVENUE = schema(
      NestedField.required(0, "tenant", Types.StringType.get()),
      NestedField.required(0, "day", Types.DateType.get(), "UTC day of the events"),
      NestedField.required(0, "currency", Types.StringType.get(), "the currency the order was placed in"),
      NestedField.required(0, "orders_placed", Types.LongType.get()),
      NestedField.required(0, "orders_paid", Types.LongType.get()),
      NestedField.required(0, "orders_shipped", Types.LongType.get()),
      NestedField.required(0, "orders_cancelled", Types.LongType.get()),
      NestedField.required(0, "refunds", Types.LongType.get()),
      NestedField.required(0, "paid_amount", MONEY_SUM),
      NestedField.required(0, "refunded_amount", MONEY_SUM),
      NestedField.required(0, "revenue", MONEY_SUM, "paid minus refunded on that day"));

  public static final Schema DELETED_TENANTS = schema(
      NestedField.required(0, "tenant", Types.StringType.get()),
      NestedField.required(0, "deleted_at", Types.TimestampType.withZone()));

  private LakeSchemas() {}

  /** The events table for a given list of payload fields: the current one, or an older one in tests. */
  public static Schema events(List<PayloadField> payloadFields) {
    List<NestedField> fields = new ArrayList<>(List.of(
        NestedField.required(0, "event_id", Types.StringType.get()),
        NestedField.required(0, "tenant", Types.StringType.get()),
        NestedField.required(0, "order_id", Types.StringType.get()),
        NestedField.required(0, "sequence", Types.LongType.get()),
        NestedField.required(0, "type", Types.StringType.get()),
        NestedField.required(0, "schema_version", Types.IntegerType.get(), "after upcasting: the current version"),
        NestedField.required(0, "written_version", Types.IntegerType.get(), "the version the producer wrote"),
        NestedField.required(0, "occurred_at", Types.TimestampType.withZone()),
        NestedField.required(0, "command_id", Types.StringType.get()),
        NestedField.required(0, "correlation_id", Types.StringType.get())));
    for (PayloadField f : payloadFields) {
      fields.add(NestedField.optional(0, f.column(), f.type()));
    }
    fields.add(NestedField.required(0, "payload", Types.StringType.get(), "the upcast payload as JSON"));
    fields.add(NestedField.required(0, "kafka_partition", Types.IntegerType.get()));
    fields.add(NestedField.required(0, "kafka_offset", Types.LongType.get()));
    fields.add(NestedField.required(0, "ingested_at", Types.TimestampType.withZone()));
    return schema(fields.toArray(NestedField[]::new));
  }

  /** Field ids are placeholders: Iceberg assigns fresh ones when it creates a table or unions a schema. */
  private static Schema schema(NestedField... fields) {
    List<NestedField> numbered = new ArrayList<>();
    int id = 1;
    for (NestedField f : fields) {
      numbered.add(NestedField.of(id++, f.isOptional(), f.name(), f.type(), f.doc()));
    }
    return new Schema(numbered);
  }
}

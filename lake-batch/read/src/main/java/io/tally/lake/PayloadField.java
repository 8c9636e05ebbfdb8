package io.tally.lake;

import org.apache.iceberg.types.Type;

/**
 * One field of the current event payloads that the events table keeps as its own column. The column list is the
 * lake's schema: adding a field to an event version means one line in {@link LakeSchemas#PAYLOAD_FIELDS}, and
 * the next run adds the column to the table without rewriting any data file.
 *
 * @param json   the payload field name, e.g. {@code totalRefunded}
 * @param column the column name, e.g. {@code total_refunded}
 */
public record PayloadField(String json, String column, Type type) implements java.io.Serializable {}

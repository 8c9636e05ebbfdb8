package io.tally.lake.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A payload value as Spark's external type for the column's Iceberg type. Generic on purpose: a new payload field
 * needs a column in LakeSchemas and nothing here.
 */
final class JsonValues {
  private JsonValues() {}

  /** null for an absent or null field; throws IllegalArgumentException for a value the column cannot hold. */
  static Object of(JsonNode node, Type type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    switch (type.typeId()) {
      case STRING:
        return node.isTextual() ? node.asText() : node.toString();
      case BOOLEAN:
        require(node.isBoolean(), node, type);
        return node.asBoolean();
      case INTEGER:
        require(node.canConvertToInt(), node, type);
        return node.asInt();
      case LONG:
        require(node.canConvertToLong(), node, type);
        return node.asLong();
      case DECIMAL:
        try {
          // Amounts are decimal strings; UNNECESSARY fails rather than rounds money that has too many decimals.
          return new java.math.BigDecimal(node.asText()).setScale(((Types.DecimalType) type).scale(),
              RoundingMode.UNNECESSARY);
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("'" + node.asText() + "' does not fit " + type);
        }
      case LIST:
        require(node.isArray(), node, type);
        Type element = type.asListType().elementType();
        List<Object> values = new ArrayList<>();
        node.forEach(item -> values.add(of(item, element)));
        return CollectionConverters.asScala(values).toSeq();
      case STRUCT:
        require(node.isObject(), node, type);
        List<Types.NestedField> fields = type.asStructType().fields();
        Object[] row = new Object[fields.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = of(node.get(fields.get(i).name()), fields.get(i).type());
        }
        return RowFactory.create(row);
      default:
        throw new IllegalArgumentException("no payload mapping for column type " + type);
    }
  }

  private static void require(boolean ok, JsonNode node, Type type) {
    if (!ok) {
      throw new IllegalArgumentException(node + " is not a " + type);
    }
  }

  static Row row(Object... values) {
    return RowFactory.create(values);
  }
}

package io.tally.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.InvalidFieldException;
import io.tally.events.JsonFields;
import io.tally.events.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The optional {@code items} of a PlaceOrder body, with limits, errors naming {@code items[i].field}. */
final class OrderLinesField {

  private static final Set<String> LINE_FIELDS = Set.of("sku", "quantity");

  private OrderLinesField() {}

  static List<OrderLine> read(JsonFields json) {
    Optional<ArrayNode> items = json.optionalArray("items");
    if (items.isEmpty()) {
      return List.of();
    }
    if (items.get().size() > Limits.ITEMS_MAX) {
      throw json.invalid("items", "must have at most " + Limits.ITEMS_MAX + " lines");
    }
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < items.get().size(); i++) {
      lines.add(line(items.get().get(i), "items[" + i + "]"));
    }
    return lines;
  }

  private static OrderLine line(JsonNode item, String path) {
    if (!item.isObject()) {
      throw new InvalidFieldException(path, "must be an object");
    }
    JsonFields line = new JsonFields((ObjectNode) item, path + ".");
    line.rejectUnknown(LINE_FIELDS);
    String sku = line.text("sku");
    Limits.text(path + ".sku", sku, Limits.SKU_MAX).ifPresent(v -> {
      throw new InvalidFieldException(v);
    });
    long quantity = line.wholeNumber("quantity");
    if (quantity < 1 || quantity > Limits.QUANTITY_MAX) {
      throw line.invalid("quantity", "must be between 1 and " + Limits.QUANTITY_MAX);
    }
    return new OrderLine(sku, (int) quantity);
  }
}

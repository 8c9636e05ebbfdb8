package io.tally.command.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventHeaders;
import io.tally.events.EventJson;
import io.tally.events.RecordKeys;
import io.tally.order.CommandJson;
import io.tally.order.CommandParser;
import io.tally.order.OrderCommand;
import io.tally.order.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Commands on {@code orders.commands}: key {@code tenant/orderId} (so one order's commands keep their order and
 * meet its state on one partition), the body JSON as value, tenant and command id as headers. The tenant is never
 * read from the value: it comes from the key the HTTP side wrote after checking the caller's token.
 */
public final class CommandRecords {

  private CommandRecords() {}

  public static ProducerRecord<byte[], byte[]> of(String topic, OrderCommand command) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
        RecordKeys.bytes(command.tenant(), command.orderId()), EventJson.write(CommandJson.toJson(command)));
    record.headers()
        .add(EventHeaders.TENANT, EventHeaders.text(command.tenant()))
        .add(WireHeaders.COMMAND_ID, EventHeaders.text(command.commandId()))
        .add(WireHeaders.COMMAND_TYPE, EventHeaders.text(command.type()));
    return record;
  }

  /** A command record read back: the command, or why not (with whatever ids could still be read). */
  public sealed interface Read {
    record Command(OrderCommand command) implements Read {}

    record Unreadable(String tenant, String orderId, String commandId, String reason) implements Read {}
  }

  public static Read read(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    int slash = key.indexOf('/');
    String tenant = slash > 0 ? key.substring(0, slash) : null;
    String orderId = slash > 0 ? key.substring(slash + 1) : null;
    String commandId = WireHeaders.text(record.headers(), WireHeaders.COMMAND_ID);
    if (tenant == null) {
      return new Read.Unreadable(null, null, commandId, "record key is not tenant/orderId");
    }
    JsonNode body;
    try {
      body = record.value() == null ? null : EventJson.read(record.value());
    } catch (IOException e) {
      return new Read.Unreadable(tenant, orderId, commandId, "value is not JSON");
    }
    if (body == null || !body.isObject()) {
      return new Read.Unreadable(tenant, orderId, commandId, "value is not a JSON object");
    }
    ParseResult parsed = CommandParser.parse(tenant, (ObjectNode) body);
    if (parsed instanceof ParseResult.Invalid invalid) {
      return new Read.Unreadable(tenant, orderId, commandId, invalid.field() + ": " + invalid.message());
    }
    OrderCommand command = ((ParseResult.Parsed) parsed).command();
    if (!command.orderId().equals(orderId)) {
      return new Read.Unreadable(tenant, orderId, commandId, "key names another order than the body");
    }
    return new Read.Command(command);
  }

  /** An outcome record for commands partition {@code partition}: the same partition number on the results topic. */
  public static ProducerRecord<byte[], byte[]> outcome(String topic, int partition, Outcome outcome) {
    byte[] key = (outcome.tenant() + "/" + (outcome.orderId() == null ? "" : outcome.orderId()))
        .getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key,
        OutcomeCodec.toBytes(outcome));
    record.headers()
        .add(EventHeaders.TENANT, EventHeaders.text(outcome.tenant()))
        .add(WireHeaders.COMMAND_ID, EventHeaders.text(outcome.commandId()));
    if (outcome.repeat()) {
      record.headers().add(WireHeaders.REPEAT, EventHeaders.text("1"));
    }
    return record;
  }
}

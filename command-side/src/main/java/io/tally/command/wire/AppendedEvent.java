package io.tally.command.wire;

/** Where one accepted event landed in {@code orders.events}: what a 201 answer lists. */
public record AppendedEvent(String eventId, String type, long sequence, int partition, long offset) {}

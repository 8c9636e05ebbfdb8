package io.tally.query.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads query parameters strictly: a value that is present but wrong is a 400 naming it, never a silent default. */
public final class Params {
  private Params() {}

  public static Optional<String> text(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** An ISO-8601 instant ({@code 2025-03-01T10:00:00Z}) or a date ({@code 2025-03-01}, midnight UTC). */
  public static Optional<Instant> instant(RoutingContext ctx, String name) {
    return text(ctx, name).map(value -> {
      try {
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
            : Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new InvalidParam(name, name + " must be an ISO-8601 instant such as 2025-03-01T10:00:00Z or a date"
            + " such as 2025-03-01, got '" + value + "'");
      }
    });
  }

  public static int integer(RoutingContext ctx, String name, int fallback, int min, int max) {
    Optional<String> value = text(ctx, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidParam(name, name + " must be a whole number from " + min + " to " + max);
  }

  /** from must come before to when both are given. */
  public static void ordered(Optional<Instant> from, Optional<Instant> to) {
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new InvalidParam("to", "to must be after from");
    }
  }
}

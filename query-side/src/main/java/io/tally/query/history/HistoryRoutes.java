package io.tally.query.history;

import io.tally.lake.read.AsOf;
import io.tally.lake.read.UnknownSnapshot;
import io.tally.query.http.InvalidParam;
import io.tally.query.http.Responses;
import io.tally.service.http.Problem;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * GET /v1/tenants/{tenant}/history/daily-revenue?asOf=: the lake's gold table for one tenant, latest or as it was
 * at a time or snapshot (time travel). Access is checked before this runs.
 */
public final class HistoryRoutes {
  static final String PATH = "/v1/tenants/:tenant/history/daily-revenue";

  private final Optional<LakeHistory> lake;

  public HistoryRoutes(Optional<LakeHistory> lake) {
    this.lake = lake;
  }

  public void mount(Router router) {
    if (lake.isEmpty()) {
      // Its own problem type, so an operator tells "this deployment has no lake" from a lake that is down.
      router.get(PATH).handler(ctx -> Problem.of(503, "lake-not-configured",
          "history reads need the lake, which this service is not configured to reach").send(ctx));
      return;
    }
    LakeHistory history = lake.get();
    router.get(PATH).handler(Responses.answering(ctx -> history.read(ctx.pathParam("tenant"), asOf(ctx))
        .recover(HistoryRoutes::unknownSnapshotIsNotFound)
        .map(HistoryJson::of)));
  }

  private static AsOf asOf(RoutingContext ctx) {
    try {
      return AsOf.parse(ctx.queryParams().get("asOf"));
    } catch (IllegalArgumentException e) {
      throw new InvalidParam("asOf", e.getMessage());
    }
  }

  private static <T> Future<T> unknownSnapshotIsNotFound(Throwable e) {
    return Future.failedFuture(e instanceof UnknownSnapshot unknown
        ? new Responses.NotFound("the lake has no snapshot " + unknown.snapshotId()
            + " (never made, or expired: time travel reaches back as far as the lake's snapshot retention)")
        : e);
  }
}

package io.tally.service.health;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.client.WebClient;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/** Health procedures for the platform's shared parts; each answers within the health handler's timeout. */
public final class DependencyChecks {
  private DependencyChecks() {}

  public static Handler<Promise<Status>> kafka(Vertx vertx, String bootstrap) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of(
        "bootstrap.servers", bootstrap,
        "request.timeout.ms", "2000",
        "default.api.timeout.ms", "2000"));
    return promise -> admin.describeCluster()
        .onSuccess(c -> promise.complete(Status.OK(new JsonObject()
            .put("clusterId", c.getClusterId()).put("brokers", c.getNodes().size()))))
        .onFailure(e -> promise.complete(down(e)));
  }

  public static Handler<Promise<Status>> postgres(Pool pool) {
    return promise -> pool.query("SELECT 1").execute()
        .onSuccess(rows -> promise.complete(Status.OK()))
        .onFailure(e -> promise.complete(down(e)));
  }

  public static Handler<Promise<Status>> clickHouse(WebClient client, String baseUrl) {
    return promise -> client.getAbs(baseUrl + "/ping").send()
        .onSuccess(r -> promise.complete(r.statusCode() == 200 ? Status.OK()
            : Status.KO(new JsonObject().put("status", r.statusCode()))))
        .onFailure(e -> promise.complete(down(e)));
  }

  private static Status down(Throwable e) {
    return Status.KO(new JsonObject().put("error", String.valueOf(e.getMessage())));
  }
}

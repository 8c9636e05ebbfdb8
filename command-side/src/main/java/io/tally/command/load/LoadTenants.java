package io.tally.command.load;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Makes sure the load tenants exist with a quota above the load (created, or raised when they exist), through
 * the admin API with a platform-admin token, like an operator would.
 */
final class LoadTenants {
  private LoadTenants() {}

  static Future<Void> ensure(HttpClient http, LoadOptions o, String adminToken, List<String> tenants) {
    int perTenant = Math.max(1000, (o.rate() > 0 ? o.rate() : 50_000) * 2 / tenants.size());
    JsonObject quota = new JsonObject().put("commandsPerSecond", perTenant).put("burst", perTenant * 2);
    Future<Void> chain = Future.succeededFuture();
    for (String tenant : tenants) {
      chain = chain.compose(v -> call(http, o, adminToken, HttpMethod.POST, "/v1/admin/tenants",
          new JsonObject().put("id", tenant).put("displayName", "load test " + tenant).put("quota", quota))
          .compose(status -> status == 409
              ? call(http, o, adminToken, HttpMethod.PATCH, "/v1/admin/tenants/" + tenant,
                  new JsonObject().put("quota", quota))
              : Future.succeededFuture(status))
          .compose(status -> status == 200 || status == 201 ? Future.<Void>succeededFuture()
              : Future.failedFuture("could not create or update tenant " + tenant + ": HTTP " + status)));
    }
    return chain;
  }

  private static Future<Integer> call(HttpClient http, LoadOptions o, String token, HttpMethod method, String path,
                                      JsonObject body) {
    RequestOptions request = new RequestOptions().setMethod(method).setAbsoluteURI(o.url() + path)
        .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
    return http.request(request).compose(req -> req.send(Buffer.buffer(body.encode()))
        .compose(resp -> resp.body().map(b -> resp.statusCode())));
  }
}

package io.tally.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.service.ServiceProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceRouterTest {
  private Vertx vertx;
  private WebClient client;
  private int port;
  private boolean dependencyUp = true;

  @BeforeEach
  void start() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    vertx = ServiceProcess.newVertx(registry);
    ServiceRouter http = ServiceRouter.create(vertx, registry);
    http.health().register("dependency", 1000,
        p -> p.complete(dependencyUp ? Status.OK() : Status.KO(new JsonObject().put("error", "down"))));
    http.router().get("/boom").handler(ctx -> { throw new IllegalStateException("internal secret detail"); });
    http.router().get("/denied").handler(ctx -> ctx.fail(new HttpException(403)));
    HttpServer server = await(http.listen(vertx, 0));
    port = server.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void healthIs200WhenDependenciesAnswerAnd503NamingTheOneThatDoesNot() throws Exception {
    HttpResponse<Buffer> up = get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
    dependencyUp = false;
    HttpResponse<Buffer> down = get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.bodyAsString()).contains("dependency").contains("down");
  }

  @Test
  void metricsArePrometheusTextWithVertxMeters() throws Exception {
    get("/health");
    HttpResponse<Buffer> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total").contains("jvm_memory_used_bytes");
  }

  @Test
  void unknownRouteIsA404ProblemBody() throws Exception {
    HttpResponse<Buffer> r = get("/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("content-type")).isEqualTo(Problem.MEDIA_TYPE);
    assertThat(r.bodyAsJsonObject().getInteger("status")).isEqualTo(404);
  }

  @Test
  void aKnownPathWithAnotherMethodIsA405ProblemBody() throws Exception {
    HttpResponse<Buffer> r = await(client.delete(port, "127.0.0.1", "/denied").send());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.getHeader("content-type")).isEqualTo(Problem.MEDIA_TYPE);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("DELETE");
  }

  @Test
  void clientFailuresKeepTheirStatusAndBugsRevealNothing() throws Exception {
    HttpResponse<Buffer> denied = get("/denied");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.bodyAsJsonObject().getString("type")).endsWith("/forbidden");
    HttpResponse<Buffer> boom = get("/boom");
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.bodyAsString()).doesNotContain("secret");
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return await(client.get(port, "127.0.0.1", path).send());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

package io.tally.command.it;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain JDK HTTP client for the command API, so tests exercise it the way any outside caller would. */
public final class ApiClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(String base) {
    this.base = base;
  }

  /** An answer: status, headers and the body parsed as JSON when it is JSON. */
  public record Answer(int status, HttpResponse<String> raw) {
    public JsonObject json() {
      return new JsonObject(raw.body());
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  public Answer postJson(String path, String token, String body, String... headers) {
    return send(postRequest(path, token, body, headers));
  }

  public CompletableFuture<Answer> postJsonAsync(String path, String token, String body, String... headers) {
    return http.sendAsync(postRequest(path, token, body, headers), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Answer(r.statusCode(), r));
  }

  public Answer get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  public Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest postRequest(String path, String token, String body, String... headers) {
    HttpRequest.Builder b = request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }
}

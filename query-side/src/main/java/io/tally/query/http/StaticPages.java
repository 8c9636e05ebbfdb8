package io.tally.query.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The dashboard (plain HTML, CSS and ES modules from webroot/, no build step) and the OpenAPI document. A strict
 * content security policy: only this origin's scripts and styles, and WebSockets back to it.
 */
public final class StaticPages {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private StaticPages() {}

  public static void mount(Router router) {
    Buffer openApi = resource("openapi/query-api.json");
    // A copy per response: writing a Buffer hands its bytes to Netty, and a second write of the same instance
    // sent the headers with an empty body (a client then waits for the body forever).
    router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .end(openApi.copy()));
    router.route("/*").handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    });
    // Small files that change with each release: revalidate instead of caching for a day.
    router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html").setMaxAgeSeconds(60)
        .setCachingEnabled(true).setSendVaryHeader(false));
  }

  static Buffer resource(String name) {
    try (InputStream in = StaticPages.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}

package io.tally.testsupport;

import io.tally.platform.LocalClickHouse;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;

/** A test's view of the JVM's one ClickHouse: a fresh database per test, and a client bound to it. */
public final class TestClickHouse {
  private final LocalClickHouse server;
  private final AtomicInteger databases = new AtomicInteger();

  TestClickHouse(LocalClickHouse server) {
    this.server = server;
  }

  /** Creates a database no other test in this JVM uses and returns its name. */
  public String newDatabase() {
    String name = "test_" + databases.incrementAndGet();
    server.createDatabase(name);
    return name;
  }

  public String host() { return server.host(); }
  public int httpPort() { return server.httpPort(); }
  public String httpUrl() { return server.httpUrl(); }

  /** A client on the given Vert.x whose statements run in database; the caller closes it. */
  public ClickHouseHttp client(Vertx vertx, String database) {
    return ClickHouseHttp.create(vertx, server.host(), server.httpPort(), database);
  }

  /** The server itself, for tests about the server (pid, data folder); do not close it. */
  public LocalClickHouse server() { return server; }
}

package io.tally.service.clickhouse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small non-blocking client of ClickHouse's HTTP interface. It exists because the official Java clients
 * misbehave on the 18.16 server we run locally (headers ignored, compressed replies read as empty); plain
 * HTTP with settings in the query string behaves the same on 18.16 and on current servers.
 *
 * <p>Instances are immutable. {@link #inDatabase}, {@link #withCredentials} and {@link #withTimeout} return
 * views sharing this one's connection pool; close only the instance made by {@link #create}.
 */
public final class ClickHouseHttp implements AutoCloseable {
  // Above this many rows the server would cut one POST into several blocks, and one block is what is atomic.
  private static final int SERVER_DEFAULT_MAX_INSERT_BLOCK_SIZE = 1_048_576;

  private final WebClient client;
  private final boolean ownsClient;
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final long timeoutMs;

  private ClickHouseHttp(WebClient client, boolean ownsClient, String host, int port, String database,
                         String user, String password, long timeoutMs) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.host = host;
    this.port = port;
    this.database = ClickHouseSql.identifier(database);
    this.user = user;
    this.password = password;
    this.timeoutMs = timeoutMs;
  }

  /** A client on host:port whose statements run in the given database, as the default user, 60 s timeout. */
  public static ClickHouseHttp create(Vertx vertx, String host, int port, String database) {
    // The server drops idle connections after 3 s (keep_alive_timeout). Vert.x evicts idle ones only when its
    // pool cleaner runs (every second by default), so with a 2 s timeout a statement sent after ~3 s idle could
    // still go down a connection the server was closing ("Connection was closed", measured). 1 s timeout and a
    // 100 ms cleaner keep every pooled connection well inside the server's window.
    WebClientOptions options = new WebClientOptions().setKeepAliveTimeout(1).setUserAgent("tally-clickhouse-http");
    PoolOptions pool = new PoolOptions().setCleanerPeriod(100);
    return new ClickHouseHttp(WebClient.create(vertx, options, pool), true, host, port, database, null, null, 60_000);
  }

  public ClickHouseHttp inDatabase(String otherDatabase) {
    return new ClickHouseHttp(client, false, host, port, otherDatabase, user, password, timeoutMs);
  }

  /** HTTP basic authentication, which 18.16 and current servers both accept. */
  public ClickHouseHttp withCredentials(String newUser, String newPassword) {
    return new ClickHouseHttp(client, false, host, port, database, newUser, newPassword, timeoutMs);
  }

  public ClickHouseHttp withTimeout(Duration timeout) {
    return new ClickHouseHttp(client, false, host, port, database, user, password, timeout.toMillis());
  }

  public String database() { return database; }

  /** Answers when the server answers /ping; for health checks. */
  public Future<Void> ping() {
    return client.get(port, host, "/ping").timeout(timeoutMs).send().compose(r -> r.statusCode() == 200
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new ClickHouseException(r.statusCode(), text(r), "GET /ping")));
  }

  /** Runs a statement that returns nothing worth reading: DDL, ALTER, OPTIMIZE, INSERT … SELECT. */
  public Future<Void> execute(String sql) {
    return send(request(), sql, Buffer.buffer(sql)).mapEmpty();
  }

  /**
   * Runs a SELECT and returns its rows. 64-bit integers arrive as JSON numbers (Long, or BigInteger above
   * Long.MAX_VALUE). The server buffers the whole result before answering (wait_end_of_query), so an error
   * half-way through comes back as an error status instead of a 200 with the error text after some rows.
   */
  public Future<List<JsonObject>> query(String sql) {
    String statement = withoutTrailingSemicolon(sql) + "\nFORMAT JSONEachRow";
    HttpRequest<Buffer> request = request()
        .addQueryParam("output_format_json_quote_64bit_integers", "0")
        .addQueryParam("wait_end_of_query", "1");
    return send(request, statement, Buffer.buffer(statement)).map(body -> rows(body, statement));
  }

  /**
   * Inserts the rows with one POST, which the server writes as one block: all rows or none (per partition of
   * a partitioned table, since each partition gets its own part). No rows, no request.
   */
  public Future<Void> insertJsonEachRow(String table, List<JsonObject> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    Buffer body = Buffer.buffer(rows.size() * 128);
    for (JsonObject row : rows) {
      body.appendBuffer(row.toBuffer()).appendByte((byte) '\n');
    }
    return insertJsonEachRow(table, body, rows.size());
  }

  /**
   * The same insert from rows already written as JSON lines (one object per line), for callers that write many
   * rows and can skip building an object per row.
   */
  public Future<Void> insertJsonEachRow(String table, Buffer lines, int rowCount) {
    return insert("INSERT INTO " + ClickHouseSql.tableName(table) + " FORMAT JSONEachRow", lines, rowCount);
  }

  /**
   * The same insert from rows in ClickHouse's RowBinary format (little-endian numbers, length-prefixed strings),
   * holding the named columns in this order: the cheapest format for both sides when there are many rows.
   */
  public Future<Void> insertRowBinary(String table, List<String> columns, Buffer rows, int rowCount) {
    return insert("INSERT INTO " + ClickHouseSql.tableName(table) + " (" + String.join(", ", columns)
        + ") FORMAT RowBinary", rows, rowCount);
  }

  private Future<Void> insert(String statement, Buffer rows, int rowCount) {
    if (rowCount == 0) {
      return Future.succeededFuture();
    }
    HttpRequest<Buffer> request = request().addQueryParam("query", statement);
    if (rowCount > SERVER_DEFAULT_MAX_INSERT_BLOCK_SIZE) {
      request.addQueryParam("max_insert_block_size", Integer.toString(rowCount));
    }
    return send(request, statement, rows).mapEmpty();
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private HttpRequest<Buffer> request() {
    // The database goes in the query string: 18.16 ignores the X-ClickHouse-Database header.
    HttpRequest<Buffer> request = client.post(port, host, "/").timeout(timeoutMs).addQueryParam("database", database);
    return user == null ? request : request.basicAuthentication(user, password == null ? "" : password);
  }

  // Transport failures (refused, timeout) pass through unchanged: after a timeout the statement may or may
  // not have run, and only the caller knows how to find out.
  private static Future<Buffer> send(HttpRequest<Buffer> request, String statement, Buffer body) {
    return request.sendBuffer(body).compose(response -> response.statusCode() == 200
        ? Future.succeededFuture(response.body() == null ? Buffer.buffer() : response.body())
        : Future.failedFuture(new ClickHouseException(response.statusCode(), text(response), statement)));
  }

  private static List<JsonObject> rows(Buffer body, String statement) {
    List<JsonObject> rows = new ArrayList<>();
    String text = body.toString("UTF-8");
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end < 0 ? text.length() : end);
      if (line.startsWith("{")) {
        rows.add(new JsonObject(line));
      } else if (!line.isBlank()) {
        // Defence in depth: a server error after the first rows is appended as plain text to a 200 reply.
        throw new ClickHouseException(200, text.substring(start), statement);
      }
      start = end < 0 ? text.length() : end + 1;
    }
    return rows;
  }

  private static String text(HttpResponse<Buffer> response) {
    return response.body() == null ? "(empty body)" : response.body().toString("UTF-8");
  }

  private static String withoutTrailingSemicolon(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }
}

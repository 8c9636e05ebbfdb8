package io.tally.testsupport;

import io.tally.platform.LocalS3;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A test's view of the JVM's one S3 server. Tests isolate themselves with a bucket of their own; endpoint,
 * credentials and region are what Iceberg's S3FileIO or Hadoop's s3a need (path-style access).
 */
public final class TestS3 {
  private final LocalS3 server;
  private final AtomicInteger buckets = new AtomicInteger();

  TestS3(LocalS3 server) {
    this.server = server;
  }

  /** Creates a bucket no other test in this JVM uses and returns its name. */
  public String newBucket() {
    String name = "test-bucket-" + buckets.incrementAndGet();
    server.createBucket(name);
    return name;
  }

  public String endpoint() { return server.endpoint(); }
  public String accessKey() { return server.accessKey(); }
  public String secretKey() { return server.secretKey(); }
  public String region() { return server.region(); }

  /** A new path-style client with the dev credentials; close it. */
  public S3Client s3Client() { return server.s3Client(); }

  /** The server itself, for tests about the server (pid, data folder); do not close it. */
  public LocalS3 server() { return server; }
}

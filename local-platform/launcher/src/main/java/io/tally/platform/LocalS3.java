package io.tally.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * An S3 server (s3proxy) in its own JVM, storing objects as files under its data folder so the lake survives
 * restarts. Its own JVM because its Servlet 6 stack clashes with Spark's Servlet 5. Dev credentials only.
 */
public final class LocalS3 implements AutoCloseable {
  public static final String ACCESS_KEY = "tally-dev";
  public static final String SECRET_KEY = "tally-dev-secret";
  public static final Region REGION = Region.US_EAST_1;
  private static final String MAIN_CLASS = "org.gaul.s3proxy.Main";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final int port;
  private final ServerProcess process;

  private LocalS3(Path dataDir, int port, ServerProcess process) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
  }

  public static LocalS3 start(Path dataDir, int port) {
    Path dir = dataDir.toAbsolutePath();
    Path pidFile = dir.resolve("s3proxy.pid");
    LeftoverServer.stopIfRunning(pidFile, MAIN_CLASS, Duration.ofSeconds(20));
    if (!FreePorts.isFree(port)) {
      throw new IllegalStateException("S3 port " + port + " is taken by another process; choose a free one");
    }
    String classpath = ServerClasspath.read("s3-server.classpath", "local-platform/s3-server");
    Path config = S3ServerSettings.write(dir, port, ACCESS_KEY, SECRET_KEY);
    ServerProcess process = ServerProcess.start("s3proxy", ServerProcess.javaCommand(classpath,
        S3ServerSettings.jvmArgs(dir), MAIN_CLASS, List.of("--properties", config.toString())), dir,
        dir.resolve("s3proxy-console.log"));
    try {
      Files.writeString(pidFile, Long.toString(process.pid()));
      process.awaitReady(READY_TIMEOUT, () -> ServerProcess.listening(port));
    } catch (IOException e) {
      process.kill();
      throw new UncheckedIOException("could not write " + pidFile, e);
    } catch (RuntimeException e) {
      process.kill();
      throw e;
    }
    return new LocalS3(dir, port, process);
  }

  public String endpoint() { return "http://127.0.0.1:" + port; }
  public int port() { return port; }
  public Path dataDir() { return dataDir; }
  public String accessKey() { return ACCESS_KEY; }
  public String secretKey() { return SECRET_KEY; }
  public String region() { return REGION.id(); }
  public long pid() { return process.pid(); }

  /** A new client for this server; the caller closes it. */
  public S3Client s3Client() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        // Bucket names in the host (virtual-hosted style) would need DNS for *.127.0.0.1.
        .forcePathStyle(true)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  /** Creates the bucket unless it exists; buckets are directories under the data folder and outlive restarts. */
  public void createBucket(String name) {
    try (S3Client s3 = s3Client()) {
      s3.createBucket(b -> b.bucket(name));
    } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException exists) {
      // Already there: nothing to do.
    }
  }

  /** kill -9, for crash tests. */
  public void kill() { process.kill(); }

  @Override
  public void close() { process.close(); }

  @Override
  public String toString() { return "LocalS3[" + endpoint() + ", pid " + pid() + ", " + dataDir + "]"; }
}

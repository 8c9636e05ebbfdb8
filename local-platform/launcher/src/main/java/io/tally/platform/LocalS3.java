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
  private final Duration startedIn;

  private LocalS3(Path dataDir, int port, ServerProcess process, Duration startedIn) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
    this.startedIn = startedIn;
  }

  public static LocalS3 start(Path dataDir, int port) {
    long t0 = System.nanoTime();
    Path dir = dataDir.toAbsolutePath();
    Path pidFile = pidFile(dir);
    // One left by a JVM that died would serve this folder on its old port; it is ours, so stop it.
    stopLeftover(dir);
    if (!FreePorts.isFree(port)) {
      throw new IllegalStateException("S3 port " + port + " is taken by another process; choose a free one");
    }
    String classpath = ServerClasspath.read("s3-server.classpath", "local-platform/s3-server");
    Path config = S3ServerSettings.write(dir, port, ACCESS_KEY, SECRET_KEY);
    long logStart = S3ServerSettings.logSize(dir);
    ServerProcess process = ServerProcess.start("s3proxy", ServerProcess.javaCommand(classpath,
        S3ServerSettings.jvmArgs(dir), MAIN_CLASS, List.of("--properties", config.toString())), dir,
        S3ServerSettings.log(dir));
    try {
      Files.writeString(pidFile, Long.toString(process.pid()));
      // An open port alone could be another server that won it; s3proxy's own log says when it serves.
      process.awaitReady(READY_TIMEOUT, () -> ServerProcess.listening(port) && S3ServerSettings.serving(dir, logStart));
    } catch (IOException e) {
      process.kill();
      throw new UncheckedIOException("could not write " + pidFile, e);
    } catch (RuntimeException e) {
      process.kill();
      throw e;
    }
    return new LocalS3(dir, port, process, Duration.ofNanos(System.nanoTime() - t0));
  }

  /** Stops an s3proxy left running on dataDir by a JVM that died without closing it; true if there was one. */
  public static boolean stopLeftover(Path dataDir) {
    return LeftoverServer.stopIfRunning(pidFile(dataDir), S3ServerSettings.ownerMark(dataDir),
        Duration.ofSeconds(20)).isPresent();
  }

  private static Path pidFile(Path dataDir) {
    return dataDir.resolve("s3proxy.pid");
  }

  public String endpoint() { return "http://127.0.0.1:" + port; }
  public int port() { return port; }
  public Path dataDir() { return dataDir; }
  public String accessKey() { return ACCESS_KEY; }
  public String secretKey() { return SECRET_KEY; }
  public String region() { return REGION.id(); }
  public long pid() { return process.pid(); }
  public boolean isAlive() { return process.isAlive(); }
  public Duration startedIn() { return startedIn; }

  /** A new client for this server; the caller closes it. */
  public S3Client s3Client() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        // Bucket names in the host (virtual-hosted style) would need DNS for *.127.0.0.1.
        .forcePathStyle(true)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        // SDK 2.30+ adds CRC checksums by default (aws-chunked uploads); s3proxy 2.6 rejects those PUTs with
        // 400 "x-amz-content-sha256 header does not match". Other SDK users: aws.requestChecksumCalculation.
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

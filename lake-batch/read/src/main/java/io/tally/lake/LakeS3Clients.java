package io.tally.lake;

import java.net.URI;
import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client behind the lake's S3FileIO. Iceberg's default factory leaves the AWS SDK (2.30+) at its default of
 * sending CRC checksums on every upload, which s3proxy answers with 501 "not implemented" and older MinIO
 * releases reject too: checksums only where the S3 API requires them, and there (DeleteObjects, which Iceberg
 * uses to delete files in bulk) Content-MD5 as before 2.30, which every S3 server takes. Same settings as the
 * launcher's own S3 client otherwise: path style, static keys, the JDK's HTTP client.
 */
public final class LakeS3Clients implements S3FileIOAwsClientFactory {
  private Map<String, String> properties = Map.of();

  @Override
  public void initialize(Map<String, String> catalogProperties) {
    this.properties = Map.copyOf(catalogProperties);
  }

  @Override
  public S3Client s3() {
    var builder = S3Client.builder()
        .region(Region.of(properties.getOrDefault("client.region", "us-east-1")))
        .forcePathStyle(Boolean.parseBoolean(properties.getOrDefault("s3.path-style-access", "true")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .addPlugin(LegacyMd5Plugin.create());
    String endpoint = properties.get("s3.endpoint");
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    String key = properties.get("s3.access-key-id");
    if (key != null) {
      builder.credentialsProvider(StaticCredentialsProvider.create(
          AwsBasicCredentials.create(key, properties.get("s3.secret-access-key"))));
    }
    return builder.build();
  }

  /** Only the analytics accelerator and the CRT client use the async client; the lake enables neither. */
  @Override
  public S3AsyncClient s3Async() {
    throw new UnsupportedOperationException("the lake's S3FileIO uses the synchronous S3 client only");
  }
}

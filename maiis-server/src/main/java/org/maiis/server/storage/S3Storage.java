package org.maiis.server.storage;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.maiis.config.ServerConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link ObjectStorage} in an S3-compatible bucket (AWS S3, MinIO, ...), addressed path-style so
 * any endpoint works. Object names are generated UUIDs under {@code objects/}.
 */
public final class S3Storage implements ObjectStorage {
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
  private final S3Client s3;
  private final String bucket;

  private S3Storage(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /**
   * A client for {@code config} (endpoint, bucket and keys are required when the type is s3); the
   * bucket is created when it does not exist yet.
   *
   * @param env resolves the key secrets
   */
  public static S3Storage connect(ServerConfig.Storage config, Function<String, String> env)
      throws IOException {
    URI endpoint = config.endpoint().orElseThrow();
    S3Client s3 =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(config.region()))
            .forcePathStyle(true)
            // Plain bodies, not aws-chunked: some S3-compatible servers store the chunk framing.
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            // Checksums only where the API requires them: S3-compatible servers vary.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        config.accessKey().orElseThrow().resolve(env),
                        config.secretKey().orElseThrow().resolve(env))))
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build())
            .build();
    String bucket = config.bucket().orElseThrow();
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException e) {
      createBucket(s3, bucket);
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        s3.close();
        throw new IOException("S3 bucket " + bucket + " is not usable: HTTP " + e.statusCode());
      }
      createBucket(s3, bucket);
    } catch (SdkException e) {
      s3.close();
      throw new IOException("S3 endpoint " + endpoint + " is not reachable: " + e.getMessage());
    }
    return new S3Storage(s3, bucket);
  }

  private static void createBucket(S3Client s3, String bucket) {
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Override
  public String put(byte[] bytes) throws IOException {
    String name = UUID.randomUUID().toString();
    io(() -> s3.putObject(b -> b.bucket(bucket).key(key(name)), RequestBody.fromBytes(bytes)));
    return name;
  }

  @Override
  public byte[] get(String name) throws IOException {
    return io(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(name))).asByteArray());
  }

  @Override
  public void delete(String name) throws IOException {
    io(() -> s3.deleteObject(b -> b.bucket(bucket).key(key(name))));
  }

  @Override
  public String kind() {
    return "s3";
  }

  @Override
  public void close() {
    s3.close();
  }

  private static String key(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an object name this store generated");
    }
    return "objects/" + name;
  }

  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  // SDK failures are I/O failures to callers, like the local store's.
  private static <T> T io(Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (SdkException e) {
      throw new IOException("S3 " + e.getClass().getSimpleName(), e);
    }
  }
}

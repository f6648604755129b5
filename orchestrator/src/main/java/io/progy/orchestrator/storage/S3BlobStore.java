package io.progy.orchestrator.storage;

import io.progy.orchestrator.config.ProgyProperties;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) through the blocking AWS SDK v2 client,
 * every call on {@code boundedElastic}. Checksums are computed and validated only when an operation
 * requires them, which R2 and MinIO need. Put-if-absent uses a conditional write
 * ({@code If-None-Match: *}); a server that refuses conditional writes gets head-then-put instead, and
 * the registry's unique (package, version) row keeps that race-free for published versions.
 */
public class S3BlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);
    private static final String SHA256_METADATA = "sha256";
    private static final int READ_BUFFER = 64 * 1024;

    private final S3Client client;
    private final String bucket;
    private final String description;
    private final AtomicBoolean conditionalWrites;

    public S3BlobStore(ProgyProperties.S3 settings) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalArgumentException("PROGY_S3_BUCKET is required when PROGY_STORAGE=s3");
        }
        this.bucket = settings.bucket();
        this.conditionalWrites = new AtomicBoolean(settings.conditionalWrites());
        var builder = S3Client.builder()
                .region(Region.of(
                        settings.region() == null || settings.region().isBlank() ? "us-east-1" : settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64));
        boolean hasEndpoint =
                settings.endpoint() != null && !settings.endpoint().isBlank();
        if (hasEndpoint) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        this.client = builder.build();
        this.description = "s3 " + (hasEndpoint ? settings.endpoint() + " " : "") + "bucket " + bucket;
    }

    /** Creates the bucket if it does not exist (convenient for MinIO in docker-compose and for tests). */
    public void ensureBucket() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            createBucket();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                createBucket();
            } else {
                log.warn("cannot check bucket {} ({}); continuing", bucket, e.statusCode());
            }
        }
    }

    private void createBucket() {
        client.createBucket(b -> b.bucket(bucket));
        log.info("created bucket {}", bucket);
    }

    @Override
    public Mono<PutResult> putIfAbsent(String key, Path file, String sha256) {
        return blocking("store " + key, () -> {
            if (conditionalWrites.get()) {
                try {
                    client.putObject(putRequest(key, sha256, true), RequestBody.fromFile(file));
                    return new PutResult.Created();
                } catch (S3Exception e) {
                    if (e.statusCode() == 412 || e.statusCode() == 409) {
                        return new PutResult.AlreadyExists();
                    }
                    if (e.statusCode() != 501 && e.statusCode() != 400) {
                        throw e;
                    }
                    conditionalWrites.set(false);
                    log.warn("{} refuses conditional writes ({}); using head-then-put", description, e.statusCode());
                } catch (SdkClientException e) {
                    // A store may answer 412 as soon as it sees the headers and close the connection while the
                    // body is still being sent: the client then reports a broken pipe, not the 412.
                    if (head(key) != null) {
                        return new PutResult.AlreadyExists();
                    }
                    throw e;
                }
            }
            if (head(key) != null) {
                return new PutResult.AlreadyExists();
            }
            client.putObject(putRequest(key, sha256, false), RequestBody.fromFile(file));
            return new PutResult.Created();
        });
    }

    private PutObjectRequest putRequest(String key, String sha256, boolean ifNoneMatch) {
        var request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType("application/octet-stream")
                .metadata(Map.of(SHA256_METADATA, sha256));
        if (ifNoneMatch) {
            // A store may refuse it (412) before reading the body and then drop the connection: on a connection of
            // its own, such a refusal never leaves a dead connection in the pool for the next request.
            request.ifNoneMatch("*").overrideConfiguration(c -> c.putHeader("Connection", "close"));
        }
        return request.build();
    }

    @Override
    public Mono<BlobContent> open(String key) {
        return blocking("open " + key, () -> {
            try {
                var stream = client.getObject(b -> b.bucket(bucket).key(key));
                long size = stream.response().contentLength();
                var content = DataBufferUtils.readInputStream(
                                () -> stream, DefaultDataBufferFactory.sharedInstance, READ_BUFFER)
                        .subscribeOn(Schedulers.boundedElastic());
                return (BlobContent) new BlobContent.Streamed(size, content);
            } catch (NoSuchKeyException e) {
                return null;
            }
        });
    }

    @Override
    public Mono<Long> size(String key) {
        return blocking("stat " + key, () -> {
            HeadObjectResponse head = head(key);
            return head == null ? null : head.contentLength();
        });
    }

    @Override
    public Mono<Boolean> exists(String key) {
        return blocking("stat " + key, () -> head(key) != null);
    }

    @Override
    public Mono<String> sha256(String key) {
        return blocking("stat " + key, () -> {
            HeadObjectResponse head = head(key);
            return head == null ? null : head.metadata().get(SHA256_METADATA);
        });
    }

    @Override
    public Mono<Void> delete(String key) {
        return blocking(
                        "delete " + key,
                        () -> client.deleteObject(b -> b.bucket(bucket).key(key)))
                .then();
    }

    @Override
    public String describe() {
        return description;
    }

    public void close() {
        client.close();
    }

    private HeadObjectResponse head(String key) {
        try {
            return client.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static AwsCredentialsProvider credentials(ProgyProperties.S3 settings) {
        if (settings.accessKeyId() != null
                && !settings.accessKeyId().isBlank()
                && settings.secretAccessKey() != null
                && !settings.secretAccessKey().isBlank()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private <T> Mono<T> blocking(String what, Callable<T> work) {
        return Mono.fromCallable(work)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(SdkException.class, e -> new StorageException(description + " could not " + what, e));
    }
}

package io.progy.orchestrator.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** An in-process S3 server (s3proxy over a transient, in-memory jclouds blob store) on a random port. */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "progy-test-access";
    public static final String SECRET_KEY = "progy-test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    public static S3ProxyServer start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .overrides(new Properties())
                .build(BlobStoreContext.class);
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new S3ProxyServer(proxy, context);
        } catch (Exception | Error e) {
            context.close();
            throw e;
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The orchestrator's settings ({@code progy.storage}, {@code progy.s3.*}) for {@code bucket} on this server. */
    public Map<String, String> serverSettings(String bucket) {
        return Map.of(
                "progy.storage",
                "s3",
                "progy.s3.endpoint",
                endpoint(),
                "progy.s3.bucket",
                bucket,
                "progy.s3.region",
                "us-east-1",
                "progy.s3.path-style",
                "true",
                "progy.s3.access-key-id",
                ACCESS_KEY,
                "progy.s3.secret-access-key",
                SECRET_KEY);
    }

    /** The bytes stored under {@code key} in {@code bucket}, read behind the S3 API, if there are any. */
    public Optional<byte[]> object(String bucket, String key) throws IOException {
        var blob = context.getBlobStore().getBlob(bucket, key);
        if (blob == null) {
            return Optional.empty();
        }
        try (InputStream in = blob.getPayload().openStream()) {
            return Optional.of(in.readAllBytes());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}

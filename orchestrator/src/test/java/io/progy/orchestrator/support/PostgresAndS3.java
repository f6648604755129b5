package io.progy.orchestrator.support;

import io.progy.orchestrator.testsupport.PostgresSchema;
import io.progy.orchestrator.testsupport.RequiresPostgres;
import io.progy.orchestrator.testsupport.S3ProxyServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * JUnit extension giving a test class a fresh PostgreSQL schema and an in-process s3proxy. Both are
 * released when the class's extension context closes, i.e. after Spring has closed the application
 * (so the app never outlives its database). Register it as a static {@code @RegisterExtension} field, mark
 * the class {@code @ExtendWith(RequiresPostgres.class)} and call {@link #register} from a
 * {@code @DynamicPropertySource} method (Spring calls it when it builds the context, after {@code beforeAll}).
 *
 * @see RequiresPostgres
 */
public final class PostgresAndS3 implements BeforeAllCallback {

    public static final String BUCKET = "progy-it";

    private volatile PostgresSchema schema;
    private volatile S3ProxyServer s3;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        var store = context.getStore(ExtensionContext.Namespace.create(PostgresAndS3.class));
        schema = PostgresSchema.create("progy_it");
        store.put("schema", (ExtensionContext.Store.CloseableResource) schema::close);
        s3 = S3ProxyServer.start();
        store.put("s3", (ExtensionContext.Store.CloseableResource) s3::close);
    }

    public void register(DynamicPropertyRegistry registry) {
        if (schema == null || s3 == null) {
            throw new IllegalStateException(
                    "PostgresAndS3 has not started: register it as a static @RegisterExtension");
        }
        registry.add("progy.database-url", schema::r2dbcUrl);
        s3.serverSettings(BUCKET).forEach((key, value) -> registry.add(key, () -> value));
    }

    public PostgresSchema schema() {
        return schema;
    }

    public S3ProxyServer s3() {
        return s3;
    }
}

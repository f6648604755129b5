package io.progy.orchestrator.storage;

import io.progy.orchestrator.config.ProgyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the {@link BlobStore} named by {@code PROGY_STORAGE}. */
@Configuration(proxyBeanMethods = false)
class StorageConfig {

    @Bean
    BlobStore blobStore(ProgyProperties properties) {
        return switch (properties.storage()) {
            case LOCAL -> new LocalBlobStore(properties.blobDir());
            case S3 -> {
                var store = new S3BlobStore(properties.s3());
                store.ensureBucket();
                yield store;
            }
        };
    }
}

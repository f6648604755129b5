package io.progy.orchestrator;

import io.progy.orchestrator.config.ProgyProperties;
import io.progy.orchestrator.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The one line the server logs when it is ready: where it listens and what it uses. */
@Component
class StartupLog implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ProgyServer.class);

    private final ProgyProperties properties;
    private final BlobStore blobStore;
    private final Environment environment;

    StartupLog(ProgyProperties properties, BlobStore blobStore, Environment environment) {
        this.properties = properties;
        this.blobStore = blobStore;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : -1;
        String host = environment.getProperty("server.address", "127.0.0.1");
        log.info(
                "Progy orchestrator ready on http://{}:{} (mode {}, data dir {}, database {}, storage {})",
                host.contains(":") ? "[" + host + "]" : host,
                port,
                properties.effectiveMode(),
                properties.dataDir(),
                properties.database().describe(),
                blobStore.describe());
    }
}

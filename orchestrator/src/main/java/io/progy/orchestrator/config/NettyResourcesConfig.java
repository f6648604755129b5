package io.progy.orchestrator.config;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Netty set-up. Event loops and connection pools of this application's own, not Reactor Netty's process-wide ones. With the
 * global resources, stopping one application context (another server in the same JVM: the CLI's end-to-end
 * tests, test suites with different settings) disposes the loops and pools every other context still uses, and
 * their next requests wait for a connection that never comes.
 */
@Configuration(proxyBeanMethods = false)
class NettyResourcesConfig {

    @Bean
    ReactorResourceFactory reactorServerResourceFactory() {
        var factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    /** Works around a Reactor Netty keep-alive stall; see {@link ResumeReadAfterResponse}. */
    @Bean
    NettyServerCustomizer resumeReadAfterResponse() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) ->
                channel.pipeline().addLast(ResumeReadAfterResponse.NAME, new ResumeReadAfterResponse()));
    }
}

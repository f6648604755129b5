package io.progy.orchestrator.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.embedded.netty.NettyRouteProvider;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server is Reactor Netty, always: downloads rely on its zero-copy file transfer, and another server
 * on the classpath (a test dependency bringing Jetty, say) must not be picked instead. Port, address and
 * shutdown settings are still applied from {@code server.*} by Boot's factory customizers.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfig {

    @Bean
    NettyReactiveWebServerFactory nettyReactiveWebServerFactory(
            ObjectProvider<NettyServerCustomizer> serverCustomizers, ObjectProvider<NettyRouteProvider> routes) {
        var factory = new NettyReactiveWebServerFactory();
        serverCustomizers.orderedStream().forEach(factory::addServerCustomizers);
        routes.orderedStream().forEach(factory::addRouteProviders);
        return factory;
    }
}

package io.progy.orchestrator.config;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Asks for the next read once a response has gone out. Reactor Netty reads server connections on demand, and
 * when a keep-alive client sends its next request before the previous exchange has fully ended, it queues that
 * request and, after draining the queue, may forget to ask for more (reactor/reactor-netty#4361, in every
 * release this service can use): the connection's next request then waits until the client gives up. An extra
 * read request is harmless, since Reactor Netty queues whatever arrives early, so one is made after every
 * response.
 */
final class ResumeReadAfterResponse extends ChannelDuplexHandler {

    static final String NAME = "progy.resumeReadAfterResponse";

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof LastHttpContent)) {
            ctx.write(msg, promise);
            return;
        }
        ChannelPromise written = promise.isVoid() ? ctx.newPromise() : promise;
        ctx.write(msg, written);
        // Queued behind the tasks the response's completion schedules, so it runs after the queue is drained.
        written.addListener(done -> ctx.executor().execute(() -> {
            if (ctx.channel().isActive()) {
                ctx.read();
            }
        }));
    }
}

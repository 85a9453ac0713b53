package com.eatthepath.pushy.apns.server;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLSession;

/**
 * Pushy's mock APNs server, telling the handler factory the pipeline of the connection it builds a
 * handler for (Latchkey's fault injection sends GOAWAY and closes connections through it). It lives in Pushy's package only
 * because {@link MockApnsServer}'s constructor is package-private; it adds no behaviour of its own.
 */
public final class ConnectionAwareMockApnsServer extends MockApnsServer {
    private static final ThreadLocal<ChannelPipeline> CONNECTING = new ThreadLocal<>();

    public ConnectionAwareMockApnsServer(SslContext sslContext, EventLoopGroup eventLoopGroup,
                                         PushNotificationHandlerFactory handlerFactory, int maxConcurrentStreams) {
        super(sslContext, eventLoopGroup, handlerFactory, new Quiet(), maxConcurrentStreams, false);
    }

    /**
     * The pipeline of the connection whose handler is being built: valid inside
     * {@link PushNotificationHandlerFactory#buildHandler}, which runs during {@link #addHandlersToPipeline}.
     */
    public static ChannelPipeline connecting() {
        return CONNECTING.get();
    }

    @Override
    protected void addHandlersToPipeline(SSLSession sslSession, ChannelPipeline pipeline) {
        CONNECTING.set(pipeline);
        try {
            super.addHandlersToPipeline(sslSession, pipeline);
        } finally {
            CONNECTING.remove();
        }
    }

    private static final class Quiet implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(io.netty.handler.codec.http2.Http2Headers headers,
                                                   io.netty.buffer.ByteBuf payload) {
        }

        @Override
        public void handlePushNotificationRejected(io.netty.handler.codec.http2.Http2Headers headers,
                                                   io.netty.buffer.ByteBuf payload, RejectionReason reason,
                                                   java.time.Instant deviceTokenExpirationTimestamp) {
        }
    }
}

package io.latchkey.simulator.push;

import com.eatthepath.pushy.apns.server.ConnectionAwareMockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for APNs that delivers MDM pushes to simulated devices: Pushy's {@link MockApnsServer}
 * over HTTP/2 and TLS with a certificate made at start. A push {@code POST /3/device/<hex token>}
 * with payload exactly {@code {"mdm":"<PushMagic>"}} (shared/reference/apple-mdm.md §3) for a
 * registered token is accepted and wakes that device on a virtual thread: one wake runs at a time
 * per device, and a push arriving during one makes it run once more afterwards (APNs coalesces too).
 * An unknown token is refused 410 {@code Unregistered}, so the server marks it invalid. A push with
 * another PushMagic, or any other payload, is accepted and ignored, as a device ignores it.
 *
 * <p>Faults are injected through {@link #faults()}, changeable while it runs: 500
 * {@code InternalServerError}, 429 {@code TooManyRequests}, 503 {@code ServiceUnavailable}, no answer
 * (the connection stalls for the hold time, then closes), or 503 {@code Shutdown} followed by an HTTP/2
 * GOAWAY and the connection closed, as APNs does when it takes a server out of service
 * (shared/reference/apple-mdm.md §3: errors are JSON {@code {reason}}, GOAWAY included). APNs documents no
 * {@code Retry-After} header on any of these, so none is sent. A faulted push wakes no device.
 *
 * <p>Any client certificate, or none, is accepted: real APNs checks the provider's certificate or
 * token; this mock does not. Pushy binds every interface (it offers no bind address); the port is
 * random.
 */
public final class MockApns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MockApns.class);
    private static final Pattern PATH = Pattern.compile("/3/device/([0-9A-Fa-f]+)");
    private static final Pattern MDM_PAYLOAD = Pattern.compile("\\s*\\{\\s*\"mdm\"\\s*:\\s*\"([^\"\\\\]*)\"\\s*}\\s*");

    /** Counters since start. {@code ignored}: accepted, but no device woke (PushMagic differs, not an MDM payload). */
    public record Stats(long received, long accepted, long rejected, long ignored, long wakes) {
    }

    private final MockApnsServer server;
    private final EventLoopGroup events;
    private final LoopbackTls tls;
    private final int port;
    private final Map<String, Registration> devices = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong wakes = new AtomicLong();
    private final PushFaults faults = new PushFaults();

    private MockApns(MockApnsServer server, EventLoopGroup events, LoopbackTls tls, int port) {
        this.server = server;
        this.events = events;
        this.tls = tls;
        this.port = port;
    }

    /** Starts on a free port. */
    public static MockApns start() {
        LoopbackTls tls = LoopbackTls.generate();
        Handler handler = new Handler();
        // Its own event loop, so that closing need not wait out Netty's default two-second quiet period.
        EventLoopGroup events = new NioEventLoopGroup(1);
        MockApnsServer server;
        int port;
        try {
            server = new AnyClientBuilder(tls, session -> new Connection(handler,
                    ConnectionAwareMockApnsServer.connecting())).setServerCredentials(
                    new X509Certificate[] {tls.certificate()}, tls.keys().getPrivate(), null)
                    .setEventLoopGroup(events).build();
            port = server.start(0).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            events.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("the mock APNs did not start", e);
        }
        MockApns apns = new MockApns(server, events, tls, port);
        handler.owner = apns;
        LOG.info("mock APNs listening on port {}", port);
        return apns;
    }

    public int port() {
        return port;
    }

    public X509Certificate serverCertificate() {
        return tls.certificate();
    }

    /** The TLS certificate to trust, PEM: the server's APNs trusted-certificate setting takes it. */
    public String serverCertificatePem() {
        return tls.certificatePem();
    }

    public Path writeServerCertificatePem(Path file) throws IOException {
        return Files.writeString(file, serverCertificatePem(), StandardCharsets.US_ASCII);
    }

    /**
     * Makes pushes to {@code token} reach a device. Registering a token again replaces the earlier one.
     *
     * @param pushMagic read at each push: a device gets a new PushMagic when it enrolls again
     * @param wake      what the device does when woken, e.g. {@code device::wake}
     */
    public void register(byte[] token, Supplier<String> pushMagic, Runnable wake) {
        devices.put(HexFormat.of().formatHex(token), new Registration(pushMagic, wake));
    }

    /** From now on pushes to {@code token} are refused {@code Unregistered}. */
    public void unregister(byte[] token) {
        devices.remove(HexFormat.of().formatHex(token));
    }

    /** The faults injected into pushes from now on; see {@link PushFaults}. */
    public PushFaults faults() {
        return faults;
    }

    public Stats stats() {
        return new Stats(received.get(), accepted.get(), rejected.get(), ignored.get(), wakes.get());
    }

    public long pushesReceived() {
        return received.get();
    }

    @Override
    public void close() {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("the mock APNs did not shut down cleanly", e);
        } finally {
            events.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void push(Http2Headers headers, ByteBuf payload, ChannelPipeline connection)
            throws RejectedNotificationException {
        received.incrementAndGet();
        try {
            PushFaults.Fault fault = faults.next();
            if (fault != null) {
                inject(fault, connection);
            }
            if (headers.method() == null || !"POST".contentEquals(headers.method())) {
                throw new RejectedNotificationException(RejectionReason.METHOD_NOT_ALLOWED);
            }
            Matcher path = PATH.matcher(headers.path() == null ? "" : headers.path());
            if (!path.matches()) {
                throw new RejectedNotificationException(RejectionReason.BAD_PATH);
            }
            if (path.group(1).length() != 64) {
                throw new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN);
            }
            if (payload == null || payload.readableBytes() == 0) {
                throw new RejectedNotificationException(RejectionReason.PAYLOAD_EMPTY);
            }
            Registration device = devices.get(path.group(1).toLowerCase());
            if (device == null) {
                throw new UnregisteredDeviceTokenException(Instant.now());
            }
            accepted.incrementAndGet();
            Matcher mdm = MDM_PAYLOAD.matcher(payload.toString(StandardCharsets.UTF_8));
            if (mdm.matches() && mdm.group(1).equals(device.pushMagic.get())) {
                device.wake();
            } else {
                ignored.incrementAndGet();
            }
        } catch (RejectedNotificationException e) {
            rejected.incrementAndGet();
            throw e;
        }
    }

    /** Answers a push with {@code fault}; always throws, so the push is never accepted. */
    private void inject(PushFaults.Fault fault, ChannelPipeline connection) throws RejectedNotificationException {
        switch (fault) {
            case SERVER_ERROR -> throw new RejectedNotificationException(RejectionReason.INTERNAL_SERVER_ERROR);
            case TOO_MANY_REQUESTS -> throw new RejectedNotificationException(RejectionReason.TOO_MANY_REQUESTS);
            case UNAVAILABLE -> throw new RejectedNotificationException(RejectionReason.SERVICE_UNAVAILABLE);
            case TIMEOUT -> {
                // Pushy calls the handler on the connection's event loop: holding it here stalls every
                // push on the connection, as a server that stopped answering does.
                try {
                    Thread.sleep(faults.hold());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // Closed under TLS (from the pipeline's head, no close_notify to flush first), so that
                // the answer below is written to a connection already gone: the client never sees it.
                connection.firstContext().close();
                throw new RejectedNotificationException(RejectionReason.SERVICE_UNAVAILABLE);
            }
            case GOAWAY -> {
                Http2ConnectionHandler h2 = connection.get(Http2ConnectionHandler.class);
                ChannelHandlerContext ctx = connection.context(h2);
                // After this push's answer: GOAWAY naming the last stream taken, then the connection closes.
                connection.channel().eventLoop().execute(() -> h2.goAway(ctx,
                        h2.connection().remote().lastStreamCreated(), Http2Error.NO_ERROR.code(),
                        Unpooled.copiedBuffer("{\"reason\":\"Shutdown\"}", StandardCharsets.UTF_8), ctx.newPromise())
                        .addListener(done -> ctx.close()));
                throw new RejectedNotificationException(RejectionReason.SHUTDOWN);
            }
        }
    }

    /** One device's wake-ups: at most one running; a push during it asks for exactly one more. */
    private final class Registration {
        private static final int IDLE = 0;
        private static final int RUNNING = 1;
        private static final int RUNNING_AGAIN = 2;

        private final Supplier<String> pushMagic;
        private final Runnable wake;
        private final AtomicInteger state = new AtomicInteger();

        Registration(Supplier<String> pushMagic, Runnable wake) {
            this.pushMagic = Objects.requireNonNull(pushMagic, "pushMagic");
            this.wake = Objects.requireNonNull(wake, "wake");
        }

        void wake() {
            while (true) {
                int s = state.get();
                if (s == IDLE && state.compareAndSet(IDLE, RUNNING)) {
                    Thread.ofVirtual().name("mock-apns-wake").start(this::run);
                    return;
                }
                if (s == RUNNING_AGAIN || (s == RUNNING && state.compareAndSet(RUNNING, RUNNING_AGAIN))) {
                    return;
                }
            }
        }

        private void run() {
            while (true) {
                wakes.incrementAndGet();
                try {
                    wake.run();
                } catch (RuntimeException e) {
                    LOG.warn("a woken device failed", e);
                }
                if (state.compareAndSet(RUNNING, IDLE)) {
                    return;
                }
                state.set(RUNNING);  // it was RUNNING_AGAIN: run once more
            }
        }
    }

    /** Forwards to the owning {@link MockApns}, once it is set. */
    private static final class Handler {
        private volatile MockApns owner;

        void handle(Http2Headers headers, ByteBuf payload, ChannelPipeline connection)
                throws RejectedNotificationException {
            MockApns o = owner;
            if (o == null) {
                throw new RejectedNotificationException(RejectionReason.SERVICE_UNAVAILABLE);
            }
            o.push(headers, payload, connection);
        }
    }

    /** Pushy builds one handler per connection; this one knows its connection, for GOAWAY and stalls. */
    private record Connection(Handler handler, ChannelPipeline pipeline) implements PushNotificationHandler {
        @Override
        public void handlePushNotification(Http2Headers headers, ByteBuf payload) throws RejectedNotificationException {
            handler.handle(headers, payload, pipeline);
        }
    }

    /**
     * Pushy's builder trusts client certificates only from a configured list (or the JVM's CAs), and a
     * provider certificate outside it fails the TLS handshake. The TLS context is therefore built here,
     * accepting any client certificate and offering h2 by ALPN for clients other than Pushy's, and
     * handed to the server in place of the builder's.
     */
    private static final class AnyClientBuilder extends MockApnsServerBuilder {
        private final LoopbackTls tls;
        private final PushNotificationHandlerFactory handlers;

        AnyClientBuilder(LoopbackTls tls, PushNotificationHandlerFactory handlers) {
            this.tls = tls;
            this.handlers = handlers;
            setHandlerFactory(handlers);
        }

        @Override
        protected MockApnsServer constructServer(SslContext ignored) {
            try {
                SslContext context = SslContextBuilder.forServer(tls.keys().getPrivate(), tls.certificate())
                        .sslProvider(SslProvider.JDK)
                        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                        .clientAuth(ClientAuth.OPTIONAL)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE)
                        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                ApplicationProtocolNames.HTTP_2))
                        .build();
                return new ConnectionAwareMockApnsServer(context, eventLoopGroup, handlers, maxConcurrentStreams);
            } catch (IOException e) {
                throw new IllegalStateException("cannot build the mock APNs TLS context", e);
            }
        }
    }
}

package io.latchkey.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.latchkey.api.AdminApi;
import io.latchkey.api.Json;
import io.latchkey.console.Console;
import io.latchkey.server.apple.AppleEnrollment;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP edge: Javalin 7 on Jetty 12 with virtual threads, the operational endpoints
 * ({@code /healthz}, {@code /readyz}, {@code /version}, {@code /metrics}), the admin API, the web console and the
 * Apple endpoints (SCEP, profile, check-in, commands). The
 * only server package that knows Javalin, so swapping the web layer stays a local change.
 */
public final class HttpServer implements AutoCloseable {

    /** The Apple device endpoints and who may forward a device's certificate to them. */
    public record AppleDevices(io.latchkey.channel.apple.mdm.MdmEndpoint endpoint, String identityHeader,
                               java.util.List<String> trustedProxies) {
    }

    /**
     * Jetty's 8 KB default refuses (431) a SCEP POST whose client repeats the message in the query
     * string, or a GET PKIOperation (shared/reference/apple-mdm.md §5).
     */
    private static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;
    private static final java.time.Duration READY_DEADLINE = java.time.Duration.ofSeconds(3);
    /** How long a connection may stay silent once the server stops (see the GracefulHandler below). */
    private static final long SHUTDOWN_IDLE_MS = 3_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpServer.class);

    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Where to listen, and how: {@code tls} null for plain HTTP; {@code maxRequestBytes} bounds
     * every request body (bodies are read whole, except a Graph bulk action's ids); {@code drainTimeout}
     * is how long requests in flight may take to finish when the server stops.
     */
    /** @param enrollmentRateLimit requests a minute per client address on the enrollment endpoints; 0 = none */
    public record Listener(String bind, int port, io.latchkey.server.config.TlsSettings tls, long maxRequestBytes,
                           int enrollmentRateLimit, java.time.Duration drainTimeout) {
    }

    /** The Windows endpoints' services. */
    public record WindowsDevices(io.latchkey.channel.windows.enrollment.WindowsEnrollmentService enrollment,
                                 io.latchkey.channel.windows.mdm.WindowsMdmEndpoint management,
                                 java.util.function.Supplier<java.net.URI> publicUrl) {
    }

    /** The Android channel (null when off), its enterprise binding, and how long enrollment tokens live. */
    public record AndroidDevices(io.latchkey.server.android.AndroidParts parts,
                                 io.latchkey.core.enrollment.AndroidEnterprises enterprises,
                                 java.time.Duration tokenLifetime) {
    }

    public static HttpServer start(Listener listener, AdminApi api, Console console, AppleEnrollment apple,
                                   AppleDevices appleDevices, WindowsDevices windows, AndroidDevices android,
                                   BooleanSupplier ready, PrometheusMeterRegistry registry, String version) {
        return start(listener, api, console, apple, appleDevices, windows, android, null, ready, registry, version);
    }

    /** As above, with the Exchange ActiveSync gateway ({@code eas} null: off, no route). */
    public static HttpServer start(Listener listener, AdminApi api, Console console, AppleEnrollment apple,
                                   AppleDevices appleDevices, WindowsDevices windows, AndroidDevices android,
                                   io.latchkey.channel.eas.gateway.EasGateway eas,
                                   BooleanSupplier ready, PrometheusMeterRegistry registry, String version) {
        String bind = listener.bind();
        int port = listener.port();
        Readiness readiness = new Readiness(ready, READY_DEADLINE);
        Javalin javalin = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), true));
            // Javalin's 1 MB default would refuse a real inventory import or a request naming
            // tens of thousands of devices; bodies are read whole, so keep a bound all the same.
            config.http.maxRequestSize = listener.maxRequestBytes();
            config.jetty.host = bind;
            config.jetty.port = port;
            config.jetty.addConnector((server, http) -> Connectors.create(server, http, bind, port, listener.tls(),
                    apple.caCertificate()));
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            // On SIGTERM: stop accepting connections, let requests in flight finish (up to the drain
            // timeout), then close. Jetty 12 waits for requests only through a GracefulHandler (Javalin
            // nests its own handlers inside the one found on the server). From the stop on, every
            // connection gets the shutdown idle timeout: an idle keep-alive connection closes after it,
            // a request in flight survives as long as its bytes keep coming (Jetty's 1 s default cut a
            // slow upload; as long as the drain would keep every idle keep-alive connection to the end).
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(listener.drainTimeout().toMillis());
                var graceful = new org.eclipse.jetty.server.handler.GracefulHandler();
                graceful.setShutdownIdleTimeout(Math.min(listener.drainTimeout().toMillis(), SHUTDOWN_IDLE_MS));
                server.setHandler(graceful);
            });
            config.requestLogger.http((ctx, ms) -> Timer.builder("http.server.requests")
                    .description("HTTP request latency")
                    .tag("method", ctx.method().name())
                    .tag("route", route(ctx))
                    .tag("status", Integer.toString(ctx.statusCode()))
                    .register(registry)
                    .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS));
            config.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "up")));
            config.routes.get("/readyz", ctx -> {
                boolean ok = readiness.ready();
                ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ready" : "unavailable"));
            });
            config.routes.get("/version", ctx -> ctx.json(Map.of("name", "latchkey", "version", version)));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape()));
            api.register(config.routes);
            console.register(config.routes);
            EnrollmentRateLimit.register(config.routes, listener.enrollmentRateLimit());
            new AppleEnrollmentRoutes(apple).register(config.routes);
            new AppleMdmRoutes(appleDevices.endpoint(), appleDevices.identityHeader(), appleDevices.trustedProxies())
                    .register(config.routes);
            new WindowsRoutes(windows.enrollment(), windows.management(), windows.publicUrl(),
                    appleDevices.identityHeader(), appleDevices.trustedProxies()).register(config.routes);
            new AndroidRoutes(android.parts(), android.enterprises(), windows.publicUrl(), android.tokenLifetime())
                    .register(config.routes);
            if (eas != null) {
                new EasRoutes(eas).register(config.routes);
            }
        });
        javalin.start();
        return new HttpServer(javalin);
    }

    /** The port actually bound (useful when 0 asked for any free port). */
    public int port() {
        return javalin.port();
    }

    /**
     * The matched route template, not the raw path: raw paths carry ids and would make one time
     * series per device.
     */
    private static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /**
     * Stops after draining requests in flight. Requests still running at the drain timeout are cut
     * off; that is reported, and the caller goes on stopping the rest of the server all the same.
     */
    @Override
    public void close() {
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            LOG.warn("requests still in flight at the drain timeout were cut off ({})", e.toString());
        }
    }
}

package io.latchkey.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.channel.eas.gateway.EasExchange;
import io.latchkey.channel.eas.gateway.EasGateway;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /Microsoft-Server-ActiveSync} (MS-ASHTTP §2.2.1.1.1: the ActiveSync virtual directory),
 * OPTIONS and POST, handed to the {@link EasGateway} as an {@link EasExchange} over the servlet
 * request and response streams: nothing is buffered here, and the request runs on a virtual thread
 * (HttpServer), so a Ping held for minutes costs no platform thread.
 */
final class EasRoutes {
    static final String PATH = "/Microsoft-Server-ActiveSync";
    /** Above the longest Ping heartbeat (MS-ASCMD §2.2.3.84.1: at most 3540 s), so Jetty never cuts a held Ping. */
    static final Duration HELD_IDLE_TIMEOUT = Duration.ofMinutes(61);

    private final EasGateway gateway;

    EasRoutes(EasGateway gateway) {
        this.gateway = gateway;
    }

    void register(RoutesConfig routes) {
        routes.options(PATH, this::handle);
        routes.post(PATH, this::handle);
    }

    private void handle(Context ctx) throws IOException {
        longIdleTimeout(ctx.req());
        gateway.handle(new ServletExchange(ctx));
    }

    private static void longIdleTimeout(HttpServletRequest req) {
        try {
            org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(req).getConnectionMetaData()
                    .getConnection().getEndPoint().setIdleTimeout(HELD_IDLE_TIMEOUT.toMillis());
        } catch (RuntimeException e) {
            // not on Jetty's servlet request (a test harness): the connector's idle timeout applies
        }
    }

    /** The gateway's view of one Javalin exchange. */
    private record ServletExchange(Context ctx) implements EasExchange {
        @Override
        public String method() {
            return ctx.req().getMethod();
        }

        @Override
        public String rawQuery() {
            return ctx.req().getQueryString();
        }

        @Override
        public Map<String, List<String>> headers() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String name : Collections.list(ctx.req().getHeaderNames())) {
                out.put(name, Collections.list(ctx.req().getHeaders(name)));
            }
            return out;
        }

        @Override
        public String header(String name) {
            return ctx.req().getHeader(name);
        }

        @Override
        public long contentLength() {
            return ctx.req().getContentLengthLong();
        }

        @Override
        public InputStream requestBody() throws IOException {
            return ctx.req().getInputStream();
        }

        @Override
        public void respond(int status, Map<String, List<String>> headers) {
            ctx.status(status);
            ctx.res().setStatus(status);
            headers.forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
        }

        @Override
        public OutputStream responseBody() throws IOException {
            return ctx.res().getOutputStream();
        }
    }
}

package io.latchkey.channel.eas.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The Exchange server behind the gateway, reached with the JDK's HTTP client on virtual threads.
 * Requests go out with the client's own query, headers (Authorization included, untouched) and
 * body stream; answers come back as a stream, so a large mail body is never held whole.
 */
public final class Upstream {
    /** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the JDK client sets itself. */
    static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "http2-settings");

    private final URI url;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param url     the upstream's ActiveSync URL, e.g. https://mail.example.com/Microsoft-Server-ActiveSync
     * @param timeout the longest an answer may take: above the longest Ping heartbeat (MS-ASCMD: 3540 s)
     */
    public Upstream(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public URI url() {
        return url;
    }

    /** Sends the request on; the answer's body is a stream the caller must close. */
    CompletableFuture<HttpResponse<InputStream>> send(String method, String rawQuery, Map<String, List<String>> headers,
                                                      HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(rawQuery == null || rawQuery.isEmpty() ? url
                : URI.create(url + "?" + rawQuery)).timeout(timeout).method(method, body);
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    static HttpRequest.BodyPublisher stream(InputStreamSupplier in, long length) {
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return in.open();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return length >= 0 ? HttpRequest.BodyPublishers.fromPublisher(publisher, length) : publisher;
    }

    /** The client's request body, opened when the upstream call starts sending. */
    interface InputStreamSupplier {
        InputStream open() throws IOException;
    }
}

package io.latchkey.simulator.apple;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The HTTP side of simulated devices: one {@link HttpClient} (HTTP/1.1, virtual threads) shared by
 * every device that uses it, since bodies are small and thousands of devices must not mean thousands
 * of connection pools. Devices never authenticate with a TLS client certificate here: the
 * enrollment profile asks for {@code SignMessage}, so identity travels in {@code Mdm-Signature}.
 */
public final class DeviceHttp {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final DeviceHttp SHARED = new DeviceHttp(null);

    /** What iOS and macOS MDM clients send; servers should not rely on it. */
    private static final String USER_AGENT_IOS = "MDM/1.0";
    private static final String USER_AGENT_MAC = "MDM-OSX/1.0";

    private final HttpClient client;
    private final String proxyCertificateHeader;

    private DeviceHttp(SSLContext tls) {
        this(tls, null);
    }

    private DeviceHttp(SSLContext tls, String proxyCertificateHeader) {
        this.proxyCertificateHeader = proxyCertificateHeader;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        if (tls != null) {
            b.sslContext(tls);
        }
        this.client = b.build();
    }

    /** Trusts the JVM's default CAs; fine for http:// servers and publicly trusted https:// ones. */
    public static DeviceHttp shared() {
        return SHARED;
    }

    /** For an https:// server whose certificate only {@code tls}'s trust managers accept. */
    public static DeviceHttp trusting(SSLContext tls) {
        return new DeviceHttp(tls);
    }

    /**
     * Devices behind a TLS-terminating proxy: the device proves itself with its identity as TLS
     * client certificate to the proxy, which forwards it to the server in {@code header} as a
     * URL-escaped PEM (nginx's {@code $ssl_client_escaped_cert}), so nothing is signed per request.
     * The server must trust this host's address as a proxy ({@code apple.identity.proxies}).
     */
    public static DeviceHttp behindProxy(String header) {
        return new DeviceHttp(null, header);
    }

    /** The header a proxy puts the client certificate in, when the devices sit behind one. */
    java.util.Optional<String> proxyCertificateHeader() {
        return java.util.Optional.ofNullable(proxyCertificateHeader);
    }

    /**
     * Behind a proxy this object stands for the device and the TLS-terminating proxy together: an
     * https:// URL the server handed out (its public URL) is reached as plain http on the same host and
     * port, where the server listens behind the proxy (as WindowsDeviceHttp does).
     */
    private static URI reach(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return uri;
        }
        return URI.create("http" + uri.toString().substring("https".length()));
    }

    /** A response as a device sees it. */
    record Reply(int status, String contentType, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Reply get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), false);
    }

    Reply post(URI uri, byte[] body, String contentType) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType), false);
    }

    /** An MDM request: PUT with a plist body and, when the profile asks for it, {@code Mdm-Signature}. */
    Reply put(URI uri, byte[] body, String contentType, java.util.Map<String, String> identityHeaders, boolean mac)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        identityHeaders.forEach(b::header);
        return send(b, mac);
    }

    private Reply send(HttpRequest.Builder b, boolean mac) throws IOException, InterruptedException {
        if (proxyCertificateHeader != null) {
            b.uri(reach(b.build().uri()));
        }
        HttpRequest request = b.timeout(REQUEST_TIMEOUT).header("User-Agent", mac ? USER_AGENT_MAC : USER_AGENT_IOS).build();
        HttpResponse<byte[]> r;
        try {
            r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Most often a pooled keep-alive connection the server closed while it sat idle: the
            // request never got an answer. A device's URL session tries again on a fresh
            // connection, once; MDM reports are idempotent on the server, so a repeat is harmless.
            r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.body() == null ? new byte[0] : r.body());
    }
}

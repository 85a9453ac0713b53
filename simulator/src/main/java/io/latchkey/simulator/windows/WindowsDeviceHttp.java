package io.latchkey.simulator.windows;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.net.Socket;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The HTTP side of simulated Windows devices. Enrollment (discovery, policy, enrollment) goes over one
 * shared client with no client certificate, as a real device has none yet. OMA-DM sessions prove the
 * device's identity in one of two ways (shared/reference/windows-mdm.md §2.5):
 * <ul>
 *   <li>to an {@code https://} management URL, the device certificate and key from enrollment are the
 *       TLS client certificate, on a connection of its own for each session ({@link SessionConnection});</li>
 *   <li>{@link #behindProxy(String)}: plain HTTP to a server that trusts this host as a TLS-terminating
 *       proxy, the certificate forwarded in a header as URL-escaped PEM (nginx's {@code $ssl_client_escaped_cert}).</li>
 * </ul>
 */
public final class WindowsDeviceHttp {

    static final String ENROLL_USER_AGENT = "ENROLLClient";
    static final String DM_USER_AGENT = "MSFT OMA DM Client/1.2.0.1";
    static final String SOAP_CONTENT_TYPE = "application/soap+xml; charset=utf-8";
    static final String SYNCML_CONTENT_TYPE = "application/vnd.syncml.dm+xml";
    static final String SYNCML_ACCEPT = "application/vnd.syncml.dm+xml, application/vnd.syncml.dm+wbxml, application/octet-stream";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final WindowsDeviceHttp SHARED = new WindowsDeviceHttp(null, null);

    private final X509TrustManager trust;
    private final String proxyCertificateHeader;
    private final HttpClient client;

    private WindowsDeviceHttp(X509TrustManager trust, String proxyCertificateHeader) {
        this.trust = trust;
        this.proxyCertificateHeader = proxyCertificateHeader;
        this.client = newClient(trust == null ? null : tls(null, trust));
    }

    /** Trusts the JVM's default CAs: fine for http:// servers and publicly trusted https:// ones. */
    public static WindowsDeviceHttp shared() {
        return SHARED;
    }

    /** For an https:// server whose certificate chains to one of {@code roots}; sessions use mutual TLS. */
    public static WindowsDeviceHttp trusting(X509Certificate... roots) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < roots.length; i++) {
                store.setCertificateEntry("root" + i, roots[i]);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return trusting(x);
                }
            }
            throw new IllegalStateException("no X509TrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    /** For an https:// server that {@code trust} accepts; sessions use mutual TLS. */
    public static WindowsDeviceHttp trusting(X509TrustManager trust) {
        return new WindowsDeviceHttp(Objects.requireNonNull(trust, "trust"), null);
    }

    /**
     * Devices behind a TLS-terminating proxy: every OMA-DM request carries the device certificate in
     * {@code header} as URL-escaped PEM. The server must trust this host's address as a proxy.
     */
    public static WindowsDeviceHttp behindProxy(String header) {
        return new WindowsDeviceHttp(null, Objects.requireNonNull(header, "header"));
    }

    public Optional<String> proxyCertificateHeader() {
        return Optional.ofNullable(proxyCertificateHeader);
    }

    /**
     * Behind a proxy this object stands for the device and the TLS-terminating proxy together: an
     * https:// URL the server handed out (Windows enrolls only over https) is reached as plain http on
     * the same host and port, where the server listens behind the proxy.
     */
    private URI reach(URI uri) {
        if (proxyCertificateHeader == null || !"https".equalsIgnoreCase(uri.getScheme())) {
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

    /** The discovery probe: a GET with no body. */
    Reply enrollmentGet(URI uri) throws IOException, InterruptedException {
        return send(client, HttpRequest.newBuilder(reach(uri)).GET().header("User-Agent", ENROLL_USER_AGENT)
                .header("Cache-Control", "no-cache").header("Pragma", "no-cache"));
    }

    Reply soap(URI uri, String envelope) throws IOException, InterruptedException {
        return send(client, HttpRequest.newBuilder(reach(uri))
                .POST(HttpRequest.BodyPublishers.ofString(envelope, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", SOAP_CONTENT_TYPE).header("User-Agent", ENROLL_USER_AGENT));
    }

    /** The channel an enrolled device's OMA-DM sessions use; close it when the device leaves management. */
    Management management(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
        return new Management(key, certificate, ca);
    }

    /**
     * OMA-DM requests of one enrolled device. Over https:// each session has its own connection
     * ({@link SessionConnection}), opened by its first message and closed by {@link #endSession()}.
     */
    final class Management implements AutoCloseable {
        private final PrivateKey key;
        private final X509Certificate certificate;
        private final X509Certificate ca;
        private SSLContext mutualTls;
        private SessionConnection connection;

        private Management(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
            this.key = key;
            this.certificate = certificate;
            this.ca = ca;
        }

        /** POSTs one SyncML message with the captured client's headers. */
        Reply post(URI uri, byte[] body, Map<String, String> extraHeaders) throws IOException, InterruptedException {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", SYNCML_CONTENT_TYPE);
            headers.put("Accept", SYNCML_ACCEPT);
            headers.put("Accept-Charset", "UTF-8");
            headers.put("User-Agent", DM_USER_AGENT);
            headers.putAll(extraHeaders);
            if (proxyCertificateHeader != null) {
                headers.put(proxyCertificateHeader, WindowsCrypto.escapedPem(certificate));
            }
            if ("https".equalsIgnoreCase(uri.getScheme()) && proxyCertificateHeader == null) {
                return overTls(uri, headers, body);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(reach(uri)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            return send(client, b);
        }

        /** The session is over: its connection closes (the TLS session stays cached for the next one). */
        synchronized void endSession() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }

        private synchronized Reply overTls(URI uri, Map<String, String> headers, byte[] body) throws IOException {
            if (mutualTls == null) {
                mutualTls = tls(this, trust);
            }
            boolean fresh = connection == null || !connection.isOpen();
            if (fresh) {
                endSession();
                connection = SessionConnection.open(mutualTls, uri, (int) REQUEST_TIMEOUT.toMillis());
            }
            try {
                return connection.post(uri, headers, body);
            } catch (IOException e) {
                endSession();
                if (fresh) {
                    throw e;
                }
                // The server closed a connection this session had already used; once more, fresh.
                connection = SessionConnection.open(mutualTls, uri, (int) REQUEST_TIMEOUT.toMillis());
                return connection.post(uri, headers, body);
            }
        }

        @Override
        public synchronized void close() {
            endSession();
            mutualTls = null;
        }
    }

    /** A TLS context presenting {@code identity}'s certificate (when given) and trusting {@code trust} (or the JVM's CAs). */
    private static SSLContext tls(Management identity, X509TrustManager trust) {
        try {
            KeyManager[] keys = identity == null ? null
                    : new KeyManager[] {new DeviceKey(identity.key, identity.certificate, identity.ca)};
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust == null ? null : new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the device's TLS context", e);
        }
    }

    /**
     * The device's one key and certificate, handed to TLS as they are: a PKCS#12 key store in between
     * would run PBKDF2 for every device, which dominated a 10,000-device simulation's CPU.
     */
    private static final class DeviceKey extends X509ExtendedKeyManager {
        private static final String ALIAS = "device";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        DeviceKey(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
            this.key = key;
            this.chain = new X509Certificate[] {certificate, ca};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }

    private static HttpClient newClient(SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        if (tls != null) {
            b.sslContext(tls);
        }
        return b.build();
    }

    private static Reply send(HttpClient client, HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpRequest request = b.timeout(REQUEST_TIMEOUT).build();
        HttpResponse<byte[]> r;
        try {
            r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Most often a pooled keep-alive connection the server closed while idle; try once more, fresh.
            r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.body() == null ? new byte[0] : r.body());
    }
}

package io.latchkey.channel.apple.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import io.latchkey.ca.Bc;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Pushy's own {@link MockApnsServer} over real HTTP/2 + TLS on loopback, with throwaway
 * certificates made by BouncyCastle, and a handler that records every push and can refuse it.
 */
final class MockApns {

    /** The server's identity: a self-signed certificate valid for localhost, which the client pins. */
    static final KeyPair SERVER_KEYS = ec();
    static final X509Certificate SERVER_CERT = selfSigned(SERVER_KEYS, "CN=localhost", KeyPurposeId.id_kp_serverAuth);
    /** Stands in for the MDM push certificate; the mock only checks it when asked to. */
    static final KeyPair CLIENT_KEYS = ec();
    static final X509Certificate CLIENT_CERT = selfSigned(CLIENT_KEYS,
            "UID=com.apple.mgmt.External.test,CN=APSP:test", KeyPurposeId.id_kp_clientAuth);

    /** One push as the server saw it. */
    record Received(String path, String pushType, String topic, String payload, long atNanos, String clientSubject) {
        String token() {
            return path.substring("/3/device/".length());
        }
    }

    /** Decides the fate of a push: return to accept, throw to refuse. {@code earlier} counts earlier pushes for its token. */
    interface Rule {
        void apply(Received push, int earlier) throws RejectedNotificationException;
    }

    /** Records pushes and applies {@link #rule}; as a factory, it also notes the client's TLS subject. */
    static final class Recorder implements PushNotificationHandlerFactory {
        final List<Received> received = new CopyOnWriteArrayList<>();
        private final Map<String, AtomicInteger> perToken = new ConcurrentHashMap<>();
        volatile Rule rule = (push, earlier) -> { };

        @Override
        public PushNotificationHandler buildHandler(javax.net.ssl.SSLSession session) {
            String subject;
            try {
                subject = ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                subject = null;
            }
            String clientSubject = subject;
            return (headers, payload) -> {
                Received push = new Received(String.valueOf(headers.path()), str(headers.get("apns-push-type")),
                        str(headers.get("apns-topic")), payload == null ? "" : payload.toString(StandardCharsets.UTF_8),
                        System.nanoTime(), clientSubject);
                received.add(push);
                int earlier = perToken.computeIfAbsent(push.token(), t -> new AtomicInteger()).getAndIncrement();
                rule.apply(push, earlier);
            };
        }

        List<Received> forToken(String token) {
            return received.stream().filter(r -> r.token().equals(token)).toList();
        }

        private static String str(CharSequence s) {
            return s == null ? null : s.toString();
        }
    }

    private MockApns() {
    }

    /** Shared by clients and servers: each owning its own group would cost Netty's 2 s quiet period on close. */
    static EventLoopGroup newLoop() {
        return new NioEventLoopGroup(2);
    }

    static void shutDown(EventLoopGroup loop) throws Exception {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).get();
    }

    static MockApnsServer server(Recorder recorder, EventLoopGroup loop, Path trustedClientPem) throws Exception {
        MockApnsServerBuilder builder = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[]{SERVER_CERT}, SERVER_KEYS.getPrivate(), null)
                .setHandlerFactory(recorder)
                .setEventLoopGroup(loop);
        if (trustedClientPem != null) {
            builder.setTrustedClientCertificateChain(trustedClientPem.toFile());
        }
        return builder.build();
    }

    /** A client with the throwaway client certificate, pinned to the mock's certificate. */
    static ApnsClient client(int port, Path serverPem, EventLoopGroup loop) throws Exception {
        return new ApnsClientBuilder()
                .setApnsServer("localhost", port)
                .setClientCredentials(CLIENT_CERT, CLIENT_KEYS.getPrivate(), null)
                .setTrustedServerCertificateChain(serverPem.toFile())
                .setEventLoopGroup(loop)
                .build();
    }

    static Path pem(Path dir, String name, X509Certificate certificate) throws IOException {
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
        return file;
    }

    static Path p12(Path dir, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("mdm-push", CLIENT_KEYS.getPrivate(), password, new Certificate[]{CLIENT_CERT});
        Path file = dir.resolve("mdm-push.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    /** A port nobody listens on (for a moment): where "APNs is down" is simulated. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys, String subject, KeyPurposeId purpose) {
        try {
            X500Name name = new X500Name(subject);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic())
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Bc.PROVIDER).build(keys.getPrivate());
            return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

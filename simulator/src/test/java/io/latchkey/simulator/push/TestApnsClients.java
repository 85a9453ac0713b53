package io.latchkey.simulator.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Pushy clients as an MDM server holds them: TLS client credentials from a self-signed "push
 * certificate" (the mock accepts any), the mock's certificate trusted, hostname verification on.
 */
public final class TestApnsClients {

    public static final String TOPIC = "com.apple.mgmt.External.00000000-0000-4000-8000-000000000001";

    private TestApnsClients() {
    }

    /** Shared by the test clients and shut down by the JVM: Netty's graceful shutdown would cost seconds per class. */
    private static final EventLoopGroup EVENTS = new NioEventLoopGroup(1);

    public static ApnsClient client(MockApns apns) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        X500Name name = new X500Name("UID=" + TOPIC + ", CN=APSP:test push certificate");
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.TWO, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(3600)), name, keys.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        return new ApnsClientBuilder().setApnsServer("localhost", apns.port())
                .setTrustedServerCertificateChain(apns.serverCertificate())
                .setClientCredentials(cert, keys.getPrivate(), null)
                .setEventLoopGroup(EVENTS)
                .setGracefulShutdownTimeout(Duration.ofMillis(100))
                .build();
    }

    /** Sends an MDM push as the server does and waits for APNs' verdict. */
    public static PushNotificationResponse<SimpleApnsPushNotification> push(ApnsClient client, byte[] token,
                                                                            String payload) throws Exception {
        return client.sendNotification(new SimpleApnsPushNotification(HexFormat.of().formatHex(token), TOPIC, payload,
                null, DeliveryPriority.IMMEDIATE, PushType.MDM)).get(10, TimeUnit.SECONDS);
    }

    public static void close(ApnsClient client) throws Exception {
        client.close().get(10, TimeUnit.SECONDS);
    }
}

package io.latchkey.simulator.push;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A stand-in for the MDM push certificate Apple issues (its subject's UID is the topic): a
 * self-signed certificate in a PKCS#12 file, for a server's APNs client to present to
 * {@link MockApns}, which accepts any client certificate. Real APNs would refuse it.
 */
public final class PushCertificateStandIn {
    public static final String PASSWORD = "apns-test-password";

    private PushCertificateStandIn() {
    }

    /** Writes {@code apns-push.p12} (password {@link #PASSWORD}) into {@code dir}. */
    public static Path write(Path dir, String topic) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        X500Name name = new X500Name("UID=" + topic + ", CN=APSP:test, O=Latchkey tests");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                keys.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("apns", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert});
        Path file = dir.resolve("apns-push.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            p12.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}

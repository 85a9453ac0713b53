package io.latchkey.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

/**
 * Keys and certificates for tests. RSA key generation dominates the test time, so keys are made
 * once per JVM and shared; certificates are cheap and made per test.
 */
public final class TestPki {

    public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final CaIdentity CA = SelfSignedCa.create("Latchkey Test Device CA", 2048, CLOCK);
    private static final CaIdentity FOREIGN_CA = SelfSignedCa.create("Someone Else's CA", 2048, CLOCK);
    private static final KeyPair DEVICE_KEYS = rsa(2048);

    private TestPki() {
    }

    public static CaIdentity ca() {
        return CA;
    }

    public static CaIdentity foreignCa() {
        return FOREIGN_CA;
    }

    public static KeyPair deviceKeys() {
        return DEVICE_KEYS;
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(bits);
            return gen.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a device does before SCEP: a short-lived self-signed "SCEP SIGNER" certificate for its key. */
    public static X509Certificate selfSigned(KeyPair keys, String cn) {
        try {
            X500Name name = new X500Name("CN=" + cn);
            var b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(NOW.minusSeconds(60)),
                    Date.from(NOW.plus(Duration.ofDays(1))), name, keys.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(keys.getPrivate());
            return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

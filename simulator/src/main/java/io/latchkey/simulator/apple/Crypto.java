package io.latchkey.simulator.apple;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** The BouncyCastle provider, used by instance so the JVM's provider list is left alone, and key helpers. */
final class Crypto {

    static final Provider BC = new BouncyCastleProvider();

    private Crypto() {
    }

    /** Load tests only: one key pair per size for every device (see SimulatedAppleFleet.reuseDeviceKeys). */
    private static final java.util.Map<Integer, KeyPair> SHARED = new java.util.concurrent.ConcurrentHashMap<>();
    static volatile boolean reuseKeys;

    static KeyPair rsa(int bits) {
        if (reuseKeys) {
            return SHARED.computeIfAbsent(bits, Crypto::generate);
        }
        return generate(bits);
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(bits);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }

    /** A throw-away self-signed certificate, as SCEP requesters sign their PKCSReq with (RFC 8894 §2.3). */
    static X509Certificate selfSigned(KeyPair keys, String subject, Duration validity) {
        try {
            X500Name name = new X500Name(subject);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, keys.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(keys.getPrivate());
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }
}

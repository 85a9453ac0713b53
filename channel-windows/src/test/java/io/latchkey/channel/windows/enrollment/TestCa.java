package io.latchkey.channel.windows.enrollment;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A throwaway CA for tests (this package issues nothing itself), and synthetic device CSRs shaped
 * like the real one: CN {@code <guid>!<DeviceID>\0} and extension 1.3.6.1.4.1.311.66.1.0.
 */
final class TestCa {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final KeyPair CA_KEYS = rsa(2048);
    private static final KeyPair DEVICE_KEYS = rsa(2048);
    private static final X509Certificate CA_CERT = selfSigned();

    private TestCa() {
    }

    static X509Certificate caCert() {
        return CA_CERT;
    }

    static KeyPair deviceKeys() {
        return DEVICE_KEYS;
    }

    /** A device certificate {@code CN=<deviceId>} for this key, signed by the test CA. */
    static X509Certificate issue(PublicKey key, String deviceId) {
        try {
            var b = new JcaX509v3CertificateBuilder(CA_CERT, BigInteger.valueOf(2),
                    Date.from(NOW.minusSeconds(60)), Date.from(NOW.plus(Duration.ofDays(365))),
                    new X500Name("CN=" + deviceId), key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            return convert(b, CA_KEYS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 DER PKCS#10 signed with {@code signature}; {@code extensionId} null leaves the extension out. */
    static String csr(KeyPair keys, String cnValue, String extensionId, String signature) {
        try {
            X500Name subject = new X500Name(new RDN[]{new RDN(BCStyle.CN, new DERUTF8String(cnValue))});
            var b = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
            if (extensionId != null) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(DeviceCsr.DEVICE_ID_EXTENSION, false,
                        (extensionId + "\0").getBytes(StandardCharsets.US_ASCII));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return Base64.getEncoder().encodeToString(b.build(new JcaContentSignerBuilder(signature)
                    .setProvider(DeviceCsr.BC).build(keys.getPrivate())).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(bits);
            return gen.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned() {
        try {
            X500Name name = new X500Name("O=Latchkey Test, CN=Latchkey Test Windows CA");
            var b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(NOW.minusSeconds(60)),
                    Date.from(NOW.plus(Duration.ofDays(3650))), name, CA_KEYS.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            return convert(b, CA_KEYS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate convert(JcaX509v3CertificateBuilder b, KeyPair signer) throws Exception {
        var contentSigner = new JcaContentSignerBuilder("SHA256withRSA").setProvider(DeviceCsr.BC).build(signer.getPrivate());
        return new JcaX509CertificateConverter().setProvider(DeviceCsr.BC).getCertificate(b.build(contentSigner));
    }
}

package io.latchkey.simulator.windows;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Key generation, certificate decoding and PEM for the Windows simulator; BouncyCastle by instance. */
final class WindowsCrypto {

    static final Provider BC = new BouncyCastleProvider();

    /** Load tests only: one key pair per size for every device (see SimulatedWindowsFleet.reuseDeviceKeys). */
    private static final Map<Integer, KeyPair> SHARED = new ConcurrentHashMap<>();
    static volatile boolean reuseKeys;

    private WindowsCrypto() {
    }

    static KeyPair rsa(int bits) {
        return reuseKeys ? SHARED.computeIfAbsent(bits, WindowsCrypto::generate) : generate(bits);
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

    static X509Certificate certificate(String base64Der) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64Der);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 DER certificate: " + e.getMessage(), e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as nginx forwards it in {@code $ssl_client_escaped_cert}: PEM, URL-escaped. */
    static String escapedPem(X509Certificate certificate) {
        return URLEncoder.encode(pem(certificate), StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package io.latchkey.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a certificate a device presents is a device certificate of this CA, valid now: the
 * issuer name and the CA's signature, not a CA itself, within its validity. The channels check the
 * recorded identity and the device it speaks for on top of this.
 *
 * <p>A device presents the same certificate on every message of every session, and checking the
 * CA's signature was about a tenth of the server's work in a Windows fleet's lock sessions; so the
 * certificates whose signature checked out are remembered by SHA-256 of their encoding, per CA key.
 * Only the signature is remembered: the issuer, the basic constraints and the validity period are
 * checked every time.
 */
public final class IssuedHere {
    /** Beyond this many remembered certificates the memory starts over (about 100 bytes each). */
    static final int REMEMBERED = 200_000;
    private static final Map<PublicKey, Map<Digest, Boolean>> SIGNED = new ConcurrentHashMap<>();

    private IssuedHere() {
    }

    /** Empty when it is; otherwise why not, for the log. */
    public static Optional<String> problem(X509Certificate ca, X509Certificate cert, Instant now) {
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return Optional.of("not issued by this server's device CA");
        }
        if (!signedBy(ca.getPublicKey(), cert)) {
            return Optional.of("not signed by this server's device CA");
        }
        if (cert.getBasicConstraints() >= 0) {
            return Optional.of("a CA certificate is not a device identity");
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            return Optional.of("the certificate is not valid yet");
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return Optional.of("the certificate has expired");
        }
        return Optional.empty();
    }

    private static boolean signedBy(PublicKey caKey, X509Certificate cert) {
        Digest digest;
        try {
            digest = new Digest(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return false;
        }
        Map<Digest, Boolean> known = SIGNED.computeIfAbsent(caKey, k -> new ConcurrentHashMap<>());
        if (known.containsKey(digest)) {
            return true;
        }
        try {
            cert.verify(caKey);
        } catch (Exception e) {
            return false;
        }
        if (known.size() >= REMEMBERED) {
            known.clear();
        }
        known.put(digest, Boolean.TRUE);
        return true;
    }

    private record Digest(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}

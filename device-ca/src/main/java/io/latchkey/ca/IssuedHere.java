package io.latchkey.ca;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a certificate a device presents is a device certificate of this CA, valid now: the
 * issuer name and the CA's signature, not a CA itself, within its validity. The channels check the
 * recorded identity and the device it speaks for on top of this.
 */
public final class IssuedHere {

    private IssuedHere() {
    }

    /** Empty when it is; otherwise why not, for the log. */
    public static Optional<String> problem(X509Certificate ca, X509Certificate cert, Instant now) {
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return Optional.of("not issued by this server's device CA");
        }
        try {
            cert.verify(ca.getPublicKey());
        } catch (Exception e) {
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
}

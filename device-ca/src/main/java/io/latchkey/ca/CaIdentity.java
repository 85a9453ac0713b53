package io.latchkey.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** The device CA's certificate and private key. The key never leaves this module's signing code. */
public record CaIdentity(X509Certificate certificate, PrivateKey privateKey) {

    public CaIdentity {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "CaIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}

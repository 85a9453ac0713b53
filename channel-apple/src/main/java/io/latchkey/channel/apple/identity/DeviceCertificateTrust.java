package io.latchkey.channel.apple.identity;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

/**
 * Whether a device identity certificate is one this server issued and may still be used: signed
 * by the device CA and within its validity. The same check applies to the TLS client certificate,
 * the Mdm-Signature signer and a certificate forwarded by a trusted proxy (Apple, "Managing
 * certificates for MDM servers and devices"; NanoMDM's CertVerifyMiddleware against its CA pool).
 */
public final class DeviceCertificateTrust {

    private static final int MAX_REMEMBERED = 200_000;

    private final X509Certificate ca;
    private final Clock clock;
    /** X509Certificate equality is that of the DER encoding. */
    private final java.util.Set<X509Certificate> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public DeviceCertificateTrust(X509Certificate ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    /** @throws IdentityRefused with UNTRUSTED_ISSUER, EXPIRED or NOT_YET_VALID */
    public void check(X509Certificate cert) {
        if (!issuedHere(cert)) {
            throw new IdentityRefused(IdentityRefused.Reason.UNTRUSTED_ISSUER,
                    "the certificate was not issued by this server's device CA");
        }
        if (cert.getBasicConstraints() >= 0) {
            // The CA's own certificate also "chains to the CA"; it is not a device identity.
            throw new IdentityRefused(IdentityRefused.Reason.UNTRUSTED_ISSUER, "a CA certificate is not a device identity");
        }
        Instant now = clock.instant();
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw new IdentityRefused(IdentityRefused.Reason.NOT_YET_VALID, "the certificate is not valid yet");
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw new IdentityRefused(IdentityRefused.Reason.EXPIRED, "the certificate has expired");
        }
    }

    /**
     * Issued by the CA: the issuer name and the CA's signature. A device presents the same
     * certificate on every request, so a certificate once verified is remembered (by its encoding;
     * a bounded set, cleared when full) and its signature is not checked again.
     */
    private boolean issuedHere(X509Certificate cert) {
        if (verified.contains(cert)) {
            return true;
        }
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) || !signedByCa(cert)) {
            return false;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.add(cert);
        return true;
    }

    private boolean signedByCa(X509Certificate cert) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
